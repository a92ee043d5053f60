<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rewrites a schematron compiled to XSLT by the ISO skeleton so that each pattern visits only the nodes its rules match,
  instead of walking the whole invoice once per pattern (and once more per pattern in the default mode, which prints
  nothing). ZUGFeRD 1's schematron has 4,140 patterns: 8,280 walks of the document per invoice.

  The output is the same SVRL in the same order:
  - a pattern mode Mn is rewritten only when it has at most 20 rules, each matching elements by a path (from the root,
    or relative as the French CTC schematrons write them: "a/b" matches what "//a/b" selects), and its two fallback
    templates are the skeleton's (text() prints nothing; any other node only walks on). The walk then visits, in
    document order, the elements the union of those paths selects, and each fires the rule it fired in the walk: the
    highest-priority template that matches it, chosen the same way however the element was reached;
  - the default-mode walk inside svrl:active-pattern is dropped only when the default mode has no template but "/" and
    "text()", so that it cannot print anything.
  Anything else (rules on attributes, unions, functions in patterns) is left as published.
-->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
                xmlns:f="urn:einvoice-gateway:schematron-one-pass"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map" exclude-result-prefixes="#all">

    <xsl:mode on-no-match="shallow-copy"/>

    <xsl:key name="templates" match="xsl:template[@mode]" use="normalize-space(@mode)"/>

    <!-- decided once per mode: the templates below ask for every element of a mode -->
    <xsl:variable name="one-pass" as="map(xs:string, xs:boolean)" select="map:merge(
            for $mode in distinct-values(/xsl:stylesheet/xsl:template/@mode/normalize-space()) return map:entry($mode, f:one-pass($mode, /)))"/>

    <xsl:variable name="default-mode-prints-nothing" as="xs:boolean"
            select="every $t in /xsl:stylesheet/xsl:template[not(@mode)] satisfies normalize-space($t/@match) = ('/', 'text()')"/>

    <xsl:function name="f:fallback" as="xs:boolean">
        <xsl:param name="template" as="element(xsl:template)"/>
        <xsl:sequence select="starts-with(normalize-space($template/@priority), '-')"/>
    </xsl:function>

    <!-- an element path once predicates are taken out: /a:b/c, //a:b/*, a:b/c, with no axis, union or function; and
         no current() in a predicate, which would mean the matched node in the pattern but the document in a selection -->
    <xsl:function name="f:element-path" as="xs:boolean">
        <xsl:param name="pattern" as="xs:string"/>
        <xsl:sequence select="matches(f:without-predicates(normalize-space($pattern)),
                '^/{0,2}(\*|[\w.\-]+(:[\w.\-]+)?)(/{1,2}(\*|[\w.\-]+(:[\w.\-]+)?))*$')
                and not(contains($pattern, 'current('))"/>
    </xsl:function>

    <!-- the nodes a pattern matches, as a selection from the document node: a relative pattern matches at any depth -->
    <xsl:function name="f:selection" as="xs:string">
        <xsl:param name="pattern" as="xs:string"/>
        <xsl:sequence select="if (starts-with($pattern, '/')) then $pattern else '//' || $pattern"/>
    </xsl:function>

    <xsl:function name="f:without-predicates" as="xs:string">
        <xsl:param name="pattern" as="xs:string"/>
        <xsl:variable name="once" select="replace($pattern, '\[[^\[\]]*\]', '')"/>
        <xsl:sequence select="if ($once eq $pattern) then $pattern else f:without-predicates($once)"/>
    </xsl:function>

    <xsl:function name="f:one-pass" as="xs:boolean">
        <xsl:param name="mode" as="xs:string"/>
        <xsl:param name="stylesheet" as="document-node()"/>
        <xsl:variable name="templates" select="key('templates', $mode, $stylesheet)"/>
        <xsl:variable name="rules" select="$templates[not(f:fallback(.))]"/>
        <xsl:variable name="fallbacks" select="$templates[f:fallback(.)]"/>
        <!-- each path is at worst one scan of the invoice, cheaper than a walk that matches templates at every node; a
             union of hundreds of paths (EN 16931's CII patterns have 114 rules) would cost more than the walk -->
        <xsl:sequence select="count($rules) = (1 to 20)
                and (every $rule in $rules satisfies
                        ($rule/@match and f:element-path($rule/@match)
                         and count($rule//xsl:apply-templates[normalize-space(@mode) eq $mode]) eq 1
                         and exists($rule/xsl:apply-templates[normalize-space(@mode) eq $mode])))
                and count($fallbacks) eq 2
                and (some $t in $fallbacks satisfies (normalize-space($t/@match) eq 'text()' and empty($t/node()[not(self::text()[normalize-space() eq ''])])))
                and (some $t in $fallbacks satisfies (normalize-space($t/@match) eq '@*|node()'
                        and count($t/*) eq 1 and $t/xsl:apply-templates[normalize-space(@mode) eq $mode]
                        and empty($t/xsl:apply-templates/node()[not(self::text()[normalize-space() eq ''])])))"/>
    </xsl:function>

    <!-- the walk of a pattern becomes a selection of the elements its rule matches -->
    <xsl:template match="xsl:template[@match = '/'][not(@mode)]//xsl:apply-templates[@mode][normalize-space(@select) eq '/']
            [$one-pass(normalize-space(@mode))]">
        <xsl:copy>
            <xsl:copy-of select="@* except @select"/>
            <xsl:attribute name="select" select="string-join(key('templates', normalize-space(@mode), root(.))
                    [not(f:fallback(.))]/f:selection(normalize-space(@match)), ' | ')"/>
        </xsl:copy>
    </xsl:template>

    <!-- a rule no longer walks on from the element it fired on: the selection holds every element to visit -->
    <xsl:template match="xsl:template[@mode][not(f:fallback(.))]/xsl:apply-templates
            [normalize-space(@mode) eq normalize-space(../@mode)][$one-pass(normalize-space(@mode))]"/>

    <xsl:template match="svrl:active-pattern/xsl:apply-templates[not(@mode)][not(@select)][empty(*)]
            [$default-mode-prints-nothing]"/>

</xsl:stylesheet>

package io.einvoice.gateway.recognition;

/**
 * Where something was read: page number (1-based) and a rectangle in fractions of the page's width and height (0..1,
 * origin top left), so text-layer and OCR positions compare, and a position learnt on one invoice applies to the next.
 */
public record Box(int page, double x, double y, double width, double height) {

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public double centerY() {
        return y + height / 2;
    }

    /** The smallest box holding both; both on the same page. */
    public Box union(Box other) {
        double left = Math.min(x, other.x);
        double top = Math.min(y, other.y);
        return new Box(page, left, top, Math.max(right(), other.right()) - left, Math.max(bottom(), other.bottom()) - top);
    }
}

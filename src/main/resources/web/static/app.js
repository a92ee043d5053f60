// einvoice web interface: what plain HTML cannot do. Every page works without it.
(function () {
  'use strict';

  // Upload: files dropped or chosen are sent one request each, with a progress bar; then the inbox reloads.
  function enhanceUpload(form) {
    var zone = form.querySelector('.dropzone');
    var input = form.querySelector('input[type=file]');
    var list = form.querySelector('.progress');
    if (!zone || !input || !window.FormData) { return; }
    form.classList.add('enhanced');
    function send(files) {
      var pending = files.length;
      var received = 0;
      Array.prototype.forEach.call(files, function (file) {
        var item = document.createElement('li');
        var bar = document.createElement('progress');
        bar.max = 100; bar.value = 0;
        item.textContent = file.name + ' ';
        item.appendChild(bar);
        list.appendChild(item);
        var data = new FormData();
        data.append('files', file, file.name);
        var xhr = new XMLHttpRequest();
        xhr.open('POST', form.action);
        xhr.setRequestHeader('X-CSRF-Token', form.dataset.csrf);
        xhr.upload.onprogress = function (e) { if (e.lengthComputable) { bar.value = Math.round(e.loaded * 100 / e.total); } };
        xhr.onloadend = function () {
          var ok = xhr.status >= 200 && xhr.status < 400;
          bar.value = 100;
          item.appendChild(document.createTextNode(ok ? ' ✓' : ' ✗ (' + xhr.status + ')'));
          if (ok) { received++; }
          if (--pending === 0) { window.location.href = window.location.pathname + '?uploaded=' + received; }
        };
        xhr.send(data);
      });
    }
    input.addEventListener('change', function () { if (input.files.length) { send(input.files); } });
    ['dragenter', 'dragover'].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add('over'); });
    });
    ['dragleave', 'drop'].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.remove('over'); });
    });
    zone.addEventListener('drop', function (e) { if (e.dataTransfer && e.dataTransfer.files.length) { send(e.dataTransfer.files); } });
  }

  // Document page: the box of the field being edited is highlighted on the page image.
  function linkBoxes() {
    document.querySelectorAll('input[data-field]').forEach(function (input) {
      var box = document.querySelector('rect[data-field="' + input.dataset.field + '"]');
      if (!box) { return; }
      input.addEventListener('focus', function () { box.classList.add('active'); });
      input.addEventListener('blur', function () { box.classList.remove('active'); });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('form.upload-form').forEach(enhanceUpload);
    linkBoxes();
  });
})();

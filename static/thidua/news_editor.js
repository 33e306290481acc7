/* The article body's rich-text editor (Trix 2, vendored in static/vendor/trix/).
 *
 * Without JavaScript the page keeps its plain textarea. With it, the textarea gives way to a
 * hidden input (same name, same value) edited by a <trix-editor>. Trix is configured before any
 * editor element exists: paragraphs are <p> (Return starts a new one), the heading is <h2> (the
 * page title is the <h1>), and files are refused: photos go through the photo form, and the
 * server sanitises whatever arrives anyway (sanitize.clean_body). Trix's default styles are in
 * news_editor.css (the Content-Security-Policy refuses the <style> it would inject).
 */
(function () {
  "use strict";
  if (!window.Trix || !window.customElements) {
    return; // the textarea stays
  }
  var blocks = window.Trix.config.blockAttributes;
  blocks.default.tagName = "p";
  blocks.heading1.tagName = "h2";

  // Return starts a new paragraph, as in a word processor. Trix's own setting for that
  // (breakOnReturn) is ignored for plain blocks, which have no attribute to carry it, so the
  // editor's line break becomes a block break there; lists, quotes and headings keep Trix's way.
  document.addEventListener("trix-initialize", function (event) {
    var composition = event.target.editor.composition;
    var lineBreak = composition.insertLineBreak.bind(composition);
    composition.insertLineBreak = function () {
      var block = composition.getBlock();
      return block && !block.hasAttributes() ? composition.insertBlockBreak() : lineBreak();
    };
  });

  document.addEventListener("trix-file-accept", function (event) {
    event.preventDefault();
  });
  document.addEventListener("trix-attachment-add", function (event) {
    // Pasted or dragged files that slipped past trix-file-accept.
    if (event.attachment.file) {
      event.attachment.remove();
    }
  });

  document.querySelectorAll("textarea[data-trix-source]").forEach(function (area) {
    if (area.disabled) {
      return; // a read-only article keeps the plain (disabled) textarea
    }
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = area.name;
    input.id = area.id + "-trix";
    input.value = area.value;
    var editor = document.createElement("trix-editor");
    editor.setAttribute("input", input.id);
    editor.setAttribute("class", "form-control trix-content news-body");
    editor.setAttribute("data-testid", "article-body-editor");
    var label = document.querySelector('label[for="' + area.id + '"]');
    if (label) {
      label.id = label.id || area.id + "-label";
      editor.setAttribute("aria-labelledby", label.id);
    }
    area.removeAttribute("name");
    area.hidden = true;
    area.parentNode.insertBefore(input, area);
    area.parentNode.insertBefore(editor, area);
  });
})();

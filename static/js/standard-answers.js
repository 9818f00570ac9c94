// Beside each note the citizen will read: a list of the réponses types that fit this request,
// already filled in (one click to open it, one to choose), and a knowledge-base search whose
// answers go into the note the same way (js/knowledge.js searches). The text stays editable.
(function () {
  "use strict";
  var data = document.getElementById("standard-answers");
  if (!data || !window.prevostKnowledge) { return; }
  var kb = window.prevostKnowledge;
  var picker = JSON.parse(data.textContent);
  var notes = document.querySelectorAll("textarea[data-citizen-note]");

  function insert(textarea, text) {
    textarea.value = textarea.value.trim() ? textarea.value.replace(/\s+$/, "") + "\n\n" + text : text;
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }

  function answerList(textarea, index) {
    var wrapper = document.createElement("div");
    wrapper.className = "standard-answer";
    var label = document.createElement("label");
    label.htmlFor = "standard-answer-" + index;
    label.textContent = picker.label;
    var select = document.createElement("select");
    select.id = "standard-answer-" + index;
    select.className = "form-select form-select-sm";
    var first = document.createElement("option");
    first.value = "";
    first.textContent = picker.choose;
    select.appendChild(first);
    picker.answers.forEach(function (answer, position) {
      var option = document.createElement("option");
      option.value = String(position);
      option.textContent = answer.title;
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      if (select.value === "") { return; }
      insert(textarea, picker.answers[parseInt(select.value, 10)].text);
      select.value = "";
    });
    wrapper.appendChild(label);
    wrapper.appendChild(select);
    return wrapper;
  }

  function knowledgeSearch(textarea, index) {
    var wrapper = document.createElement("div");
    wrapper.className = "standard-answer kb-insert";
    var label = document.createElement("label");
    label.htmlFor = "kb-insert-" + index;
    label.textContent = picker.search_label;
    var input = document.createElement("input");
    input.type = "search";
    input.id = "kb-insert-" + index;
    input.className = "form-control form-control-sm";
    input.autocomplete = "off";
    var results = document.createElement("ul");
    results.className = "kb-insert-results";
    results.setAttribute("aria-live", "polite");
    var pending = null;
    input.addEventListener("input", kb.debounce(function () {
      if (pending) { pending.abort(); }
      var text = input.value.trim();
      results.innerHTML = "";
      if (text.length < 3) { return; }
      pending = kb.fetchArticles(picker.search_url, text, function (articles) {
        results.innerHTML = "";
        articles.forEach(function (entry) {
          var item = document.createElement("li");
          var question = document.createElement("strong");
          question.textContent = entry.question;
          var button = document.createElement("button");
          button.type = "button";
          button.className = "button";
          button.textContent = picker.insert;
          button.addEventListener("click", function () { insert(textarea, entry.answer); });
          item.appendChild(question);
          item.appendChild(document.createTextNode(" "));
          item.appendChild(button);
          results.appendChild(item);
        });
      });
    }, 250));
    // Enter in this box searches; it must not submit the form around it.
    input.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); } });
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(results);
    return wrapper;
  }

  Array.prototype.forEach.call(notes, function (textarea, index) {
    var tools = document.createElement("div");
    tools.className = "note-tools";
    if (picker.answers.length) { tools.appendChild(answerList(textarea, index)); }
    tools.appendChild(knowledgeSearch(textarea, index));
    textarea.parentNode.insertBefore(tools, textarea);
  });
})();

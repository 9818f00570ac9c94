// Searches the knowledge base as one types: the staff search box, and the suggestions shown to a
// citizen writing a requête. Without JavaScript the staff form and the FAQ page search on submit.
// Its search is shared with js/standard-answers.js (window.prevostKnowledge), loaded after it.
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  function fetchArticles(url, text, done) {
    var controller = window.AbortController ? new AbortController() : null;
    fetch(url + (url.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(text), {
      headers: { "Accept": "application/json" },
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) { return response.ok ? response.json() : { articles: [] }; })
      .then(function (data) { done(data.articles || []); })
      .catch(function () { done([]); });
    return controller;
  }

  window.prevostKnowledge = { debounce: debounce, fetchArticles: fetchArticles };

  function article(entry, open) {
    var details = document.createElement("details");
    details.className = "faq-item";
    if (open) { details.open = true; }
    var summary = document.createElement("summary");
    summary.textContent = entry.question;  // textContent: nothing typed by anyone becomes markup
    details.appendChild(summary);
    var answer = document.createElement("div");
    answer.className = "faq-answer";
    entry.answer.split(/\n{2,}/).forEach(function (paragraph) {
      var p = document.createElement("p");
      p.textContent = paragraph;
      answer.appendChild(p);
    });
    details.appendChild(answer);
    return details;
  }

  // Staff: results replace the list while typing.
  var staffForm = document.querySelector("form[data-kb-search]");
  if (staffForm) {
    var input = staffForm.querySelector("input[type=search]");
    var results = document.querySelector(".kb-results");
    var pending = null;
    input.addEventListener("input", debounce(function () {
      if (pending) { pending.abort(); }
      var text = input.value.trim();
      if (text.length < 3) { results.innerHTML = ""; return; }
      pending = fetchArticles(staffForm.getAttribute("data-kb-search"), text, function (articles) {
        results.innerHTML = "";
        articles.forEach(function (entry) { results.appendChild(article(entry, articles.length === 1)); });
      });
    }, 250));
  }

  // Citizens: « votre question a peut-être déjà une réponse », under the description.
  var box = document.getElementById("kb-suggestions");
  var description = document.getElementById("id_description");
  if (box && description) {
    var shown = "";
    var refresh = debounce(function () {
      var text = description.value.trim();
      if (text.length < 12) { box.hidden = true; return; }
      // The nature chosen narrows the suggestions to its service's articles (and the general ones).
      var nature = document.getElementById("id_request_type");
      var url = box.getAttribute("data-url") + (nature && nature.value ? "?type=" + encodeURIComponent(nature.value) : "");
      fetchArticles(url, text, function (articles) {
        var key = articles.map(function (entry) { return entry.question; }).join("|");
        if (key === shown) { return; }  // the live region speaks only when something changes
        shown = key;
        box.innerHTML = "";
        if (!articles.length) { box.hidden = true; return; }
        var title = document.createElement("p");
        title.className = "kb-title";
        title.textContent = box.getAttribute("data-title");
        box.appendChild(title);
        articles.forEach(function (entry) { box.appendChild(article(entry, false)); });
        var more = document.createElement("p");
        more.className = "kb-more";
        more.textContent = box.getAttribute("data-more");
        box.appendChild(more);
        box.hidden = false;
      });
    }, 500);
    description.addEventListener("input", refresh);
    var natureField = document.getElementById("id_request_type");
    if (natureField) { natureField.addEventListener("change", function () { shown = null; refresh(); }); }
    refresh();
  }
})();

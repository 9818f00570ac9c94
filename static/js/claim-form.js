// Progressive enhancement of the claim form: the legal dates appear as soon as the date is known,
// and the art. 604.1 notice shows only for road-surface damage. Without JavaScript, both notices
// stay visible and the dates come with the acknowledgement.
(function () {
  "use strict";
  var form = document.getElementById("claim-form");
  if (!form) { return; }
  var notice = document.getElementById("road-surface-notice");
  var clocks = document.getElementById("claim-clocks");
  var dateInput = form.querySelector("[name=event_date]");

  function checked(name) {
    var input = form.querySelector("[name=" + name + "]:checked");
    return input ? input.value : "";
  }

  function toggleNotice() {
    notice.hidden = checked("cause_kind") !== notice.dataset.showFor;
  }

  function refreshClocks() {
    if (!dateInput.value) { clocks.hidden = true; return; }
    var params = new URLSearchParams({
      date: dateInput.value,
      damage_kind: checked("damage_kind") || "biens",
      cause_kind: checked("cause_kind") || "autre"
    });
    fetch(form.dataset.clocksUrl + "?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { clocks.hidden = true; return; }
        clocks.querySelector("[data-clock=notice]").textContent =
          (data.notice_deadline_words ? clocks.dataset.noticeBy + " " + data.notice_deadline_words + " — " : "") +
          data.notice_basis;
        clocks.querySelector("[data-clock=prescription]").textContent =
          data.prescription_words + " — " + data.prescription_basis;
        clocks.querySelector("[data-clock=late]").hidden = !data.notice_is_late;
        clocks.hidden = false;
      })
      .catch(function () { clocks.hidden = true; });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "cause_kind") { toggleNotice(); }
    if (["event_date", "damage_kind", "cause_kind"].indexOf(event.target.name) !== -1) { refreshClocks(); }
  });
  toggleNotice();
  refreshClocks();
})();

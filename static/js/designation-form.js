// Annexe C: the « Responsable de l'exécution » field is for schéma B services only (réception and
// exécution distinct). Hidden for the others; the server refuses it there anyway.
(function () {
  "use strict";
  var service = document.querySelector("select[data-schema-b]");
  var execution = document.getElementById("id_execution_responsable");
  if (!service || !execution) return;
  var row = execution.closest(".mb-3") || execution.parentElement;
  var schemaB = service.getAttribute("data-schema-b").split(" ");
  function update() {
    var shown = schemaB.indexOf(service.value) !== -1;
    row.hidden = !shown;
    if (!shown) execution.value = "";
  }
  service.addEventListener("change", update);
  update();
})();

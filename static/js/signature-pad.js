// Draw a signature with a finger, a pen or a mouse; the PNG goes in a hidden field, so a form
// sent back with an error keeps it. Keyboard users choose « Je tape mon nom » instead.
(function () {
  "use strict";
  var canvas = document.getElementById("signature-canvas");
  var field = document.getElementById("id_signature_data");
  if (!canvas || !field) { return; }
  var context = canvas.getContext("2d");
  var drawing = false;
  var drawn = false;

  function resize() {
    var ratio = window.devicePixelRatio || 1;
    var width = canvas.clientWidth;
    canvas.width = width * ratio;
    canvas.height = 160 * ratio;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.lineWidth = 2.2;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = "#111";
    if (field.value) {
      var image = new Image();
      image.onload = function () { context.drawImage(image, 0, 0, width, 160); drawn = true; };
      image.src = field.value;
    }
  }
  function point(event) {
    var box = canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }
  canvas.addEventListener("pointerdown", function (event) {
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    var p = point(event);
    context.beginPath();
    context.moveTo(p.x, p.y);
    event.preventDefault();
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!drawing) { return; }
    var p = point(event);
    context.lineTo(p.x, p.y);
    context.stroke();
    drawn = true;
    event.preventDefault();
  });
  function finish() {
    if (!drawing) { return; }
    drawing = false;
    if (drawn) { field.value = canvas.toDataURL("image/png"); }
  }
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointercancel", finish);
  var clear = document.getElementById("signature-clear");
  if (clear) {
    clear.addEventListener("click", function () {
      context.clearRect(0, 0, canvas.width, canvas.height);
      field.value = "";
      drawn = false;
    });
  }
  // Show the drawing area or the typed name, following the chosen method.
  var typed = document.getElementById("div_id_signature_typed");
  var pad = document.getElementById("signature-pad");
  function follow() {
    var chosen = document.querySelector("input[name=signature_method]:checked");
    var drawMode = !chosen || chosen.value === "dessinee";
    if (pad) { pad.hidden = !drawMode; }
    if (typed) { typed.hidden = drawMode; }
  }
  document.querySelectorAll("input[name=signature_method]").forEach(function (radio) {
    radio.addEventListener("change", follow);
  });
  follow();
  resize();
})();

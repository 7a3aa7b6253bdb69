// The job page asks for its job's status every second and moves the progress bar; once the
// job has finished (or failed) the page is loaded again to show what to do next. Without
// script the page refreshes itself (a <noscript> refresh).
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || !box.dataset.statusUrl) { return; }
  var bar = document.getElementById("job-progress");
  var percent = document.getElementById("job-percent");
  var step = document.getElementById("job-step");
  var pattern = box.dataset.percent || "%{}";  // the page language's: "%{}" or "{}%"
  function show(status) {
    var shown = pattern.replace("{}", String(status.progress));
    bar.value = status.progress;
    bar.textContent = shown;
    percent.textContent = shown;
    if (status.step && !status.failed) { step.textContent = status.step; }
    box.dataset.state = status.state;
  }
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (status) {
        show(status);
        if (status.done || status.failed) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();

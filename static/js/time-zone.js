// Progressive enhancement for the booking page: preselect the browser's time zone and show the
// slots in it. Without this script, the applicant picks a zone from the list.
(function () {
  var form = document.querySelector("[data-time-zone-form]");
  var select = document.querySelector("[data-time-zone-select]");
  if (!form || !select || !window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var params = new URLSearchParams(window.location.search);
  if (!zone || params.has("time_zone") || select.value === zone) return;
  var known = Array.prototype.some.call(select.options, function (o) { return o.value === zone; });
  if (!known) return;
  select.value = zone;
  form.submit();
})();

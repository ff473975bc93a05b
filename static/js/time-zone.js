// Progressive enhancement for the booking page: preselect the browser's time zone and show the
// slots in it. Without this script, the applicant picks a zone from the list.
(function () {
  var form = document.querySelector("[data-time-zone-form]");
  var select = document.querySelector("[data-time-zone-select]");
  if (!form || !select || !window.Intl) return;
  // Browsers still report some zones by their old names (Chromium: "Asia/Calcutta").
  var current = {
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "Asia/Dacca": "Asia/Dhaka",
    "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
    "Europe/Kiev": "Europe/Kyiv",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "America/Godthab": "America/Nuuk",
    "Atlantic/Faeroe": "Atlantic/Faroe",
    "Pacific/Truk": "Pacific/Chuuk",
    "Pacific/Ponape": "Pacific/Pohnpei"
  };
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && current[zone]) zone = current[zone];
  var params = new URLSearchParams(window.location.search);
  if (!zone || params.has("time_zone") || select.value === zone) return;
  var known = Array.prototype.some.call(select.options, function (o) { return o.value === zone; });
  if (!known) return;
  // The page itself, with the zone in its query string: the form posts, and a post without a
  // button would be taken for "Continue".
  params.set("time_zone", zone);
  window.location.search = params.toString();
})();

// JS side of the yearly report (linked with --js-library): opens the report's HTML in a new
// tab from a Blob URL. Returns 0 when the browser blocked the tab (the view then downloads it).
mergeInto(LibraryManager.library, {
  hearth_report_open_html: function (ptr, len) {
    var blob = new Blob([HEAPU8.slice(ptr, ptr + len)], { type: 'text/html;charset=utf-8' });
    var url = URL.createObjectURL(blob);
    var tab = null;
    try { tab = window.open(url, '_blank'); } catch (e) { tab = null; }
    if (!tab) { URL.revokeObjectURL(url); return 0; }
    window.hearth = window.hearth || {};
    window.hearth.reportUrl = url;  // for tests: the tab's address
    setTimeout(function () { URL.revokeObjectURL(url); }, 10 * 60 * 1000);  // the tab has loaded it by then
    return 1;
  }
});

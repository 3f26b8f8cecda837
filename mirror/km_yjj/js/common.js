/* yjj.km.gov.cn common scripts */
function createPage(cur, total, prefix, ext) {
  function url(i) { return i == 1 ? prefix + '.' + ext : prefix + '_' + (i - 1) + '.' + ext; }
  var h = [];
  h.push('<span>\u5171' + total + '\u9875</span>');
  if (cur > 1) { h.push('<a href="' + url(1) + '">\u9996\u9875</a>'); h.push('<a href="' + url(cur - 1) + '">\u4e0a\u4e00\u9875</a>'); }
  for (var i = 1; i <= total; i++) { h.push(i == cur ? '<span class="cur">' + i + '</span>' : '<a href="' + url(i) + '">' + i + '</a>'); }
  if (cur < total) { h.push('<a href="' + url(cur + 1) + '">\u4e0b\u4e00\u9875</a>'); h.push('<a href="' + url(total) + '">\u5c3e\u9875</a>'); }
  document.write(h.join(' '));
}
function doZoom(size) { var z = document.getElementById('zoom'); if (z) { z.style.fontSize = size + 'px'; } }
function doSearch() { var w = document.getElementById('searchword'); if (w && w.value) { alert(w.value); } }
function shareTo(t) { return false; }
function addFavorite() { return false; }
function toggleAccess() { return false; }
function toggleElder() { return false; }

/* scafctl catalog page: plain JavaScript, no library, nothing fetched. The data is window.SCAFCTL_CATALOG. */
(function () {
  'use strict';

  var data = window.SCAFCTL_CATALOG || { catalog: '', plugin: 'dev.scafctl:scafctl-maven-plugin:?', artifacts: [] };
  var timings = window.SCAFCTL_TIMINGS = { render: 0, ready: 0, filters: [], details: [] };
  var byKey = {};
  var rows = [];
  var state = { kind: '', query: '', pending: false, lastOpened: null };

  var listView = document.getElementById('list-view');
  var detailView = document.getElementById('detail-view');
  var search = document.getElementById('search');
  var count = document.getElementById('count');
  var results = document.getElementById('results');
  var kindButtons = Array.prototype.slice.call(document.querySelectorAll('#kinds button'));

  /** Creates an element; attrs set attributes (or properties for on* and textContent), children are nodes or text. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAll(node, attrs);
    for (var i = 2; i < arguments.length; i++) {
      append(node, arguments[i]);
    }
    return node;
  }

  var SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    setAll(node, attrs);
    for (var i = 2; i < arguments.length; i++) {
      append(node, arguments[i]);
    }
    return node;
  }

  function setAll(node, attrs) {
    if (!attrs) { return; }
    Object.keys(attrs).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) { return; }
      if (key.indexOf('on') === 0) { node.addEventListener(key.substring(2), value); }
      else if (key === 'text') { node.textContent = value; }
      else { node.setAttribute(key, value === true ? '' : String(value)); }
    });
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }

  function keyOf(kind, name) { return kind + '/' + name; }
  function hrefOf(kind, name, version) {
    return '#/' + encodeURIComponent(kind) + '/' + encodeURIComponent(name) + (version ? '/' + encodeURIComponent(version) : '');
  }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  function bytes(size) {
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    var value = size, unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return (unit === 0 ? String(value) : value.toFixed(1)) + ' ' + units[unit];
  }

  /* ---- the list ------------------------------------------------------------------------------------- */

  function renderList() {
    var start = performance.now();
    document.getElementById('catalog-name').textContent = data.catalog;
    if (data.note) {
      var note = document.getElementById('note');
      note.textContent = 'Note: ' + data.note;
      note.hidden = false;
    }
    var fragment = document.createDocumentFragment();
    data.artifacts.forEach(function (artifact) {
      byKey[keyOf(artifact.kind, artifact.name)] = artifact;
      var newest = artifact.versions[0];
      var row = el('li', { 'class': 'row', 'data-kind': artifact.kind, 'data-name': artifact.name },
        el('a', { 'class': 'name', href: hrefOf(artifact.kind, artifact.name), text: artifact.name }),
        el('span', null, el('span', { 'class': 'kind kind-' + artifact.kind, text: artifact.kind })),
        el('span', { 'class': 'version-tag', text: newest ? newest.version : '' },
          el('span', { 'class': 'versions-count', text: artifact.versions.length > 1 ? ' +' + (artifact.versions.length - 1) : '' })),
        el('p', { 'class': 'desc', text: artifact.description || '' }),
        artifact.provides.length ? el('p', { 'class': 'provides', text: 'provides: ' + artifact.provides.join(', ') }) : null);
      rows.push({
        node: row,
        kind: artifact.kind,
        hay: [artifact.name, artifact.description, artifact.tags.join(' '), artifact.provides.join(' '), artifact.aliases.join(' ')]
          .join('\n').toLowerCase(),
        shown: true
      });
      fragment.appendChild(row);
    });
    results.appendChild(fragment);
    showCount(rows.length);
    void results.offsetHeight; // lay out now, so the time includes it
    timings.render = performance.now() - start;
  }

  function filter() {
    state.pending = false;
    var start = performance.now();
    var terms = state.query.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var match = (!state.kind || row.kind === state.kind) && terms.every(function (t) { return row.hay.indexOf(t) >= 0; });
      if (match !== row.shown) {
        row.node.hidden = !match;
        row.shown = match;
      }
      if (match) { shown++; }
    }
    showCount(shown);
    void results.offsetHeight;
    timings.filters.push({ kind: state.kind, query: state.query, shown: shown, ms: performance.now() - start });
  }

  function scheduleFilter() {
    if (!state.pending) {
      state.pending = true;
      window.requestAnimationFrame(filter);
    }
  }

  function showCount(shown) {
    var total = rows.length;
    count.textContent = shown === total ? plural(total, 'artifact') + ' (' + plural(data.artifacts.reduce(function (n, a) {
      return n + a.versions.length; }, 0), 'version') + ')' : shown + ' of ' + plural(total, 'artifact') + ' shown';
  }

  function setKind(kind) {
    state.kind = kind;
    kindButtons.forEach(function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-kind') === kind)); });
    scheduleFilter();
  }

  /* ---- the detail view ------------------------------------------------------------------------------ */

  function renderDetail(kind, name, wanted) {
    var start = performance.now();
    var artifact = byKey[keyOf(kind, name)];
    detailView.textContent = '';
    var back = el('nav', null, el('a', { href: '#/', text: '\u2190 All artifacts' }));
    if (!artifact) {
      append(detailView, [back, el('h1', { tabindex: '-1', text: kind + ' ' + name }),
        el('p', { text: 'This catalog does not hold ' + kind + ' "' + name + '".' })]);
      detailView.querySelector('h1').focus();
      return;
    }
    var version = artifact.versions.filter(function (v) { return v.version === wanted; })[0] || artifact.versions[0];
    var facts = el('dl', { 'class': 'facts' });
    function fact(label, value) {
      if (value) { append(facts, [el('dt', { text: label }), el('dd', null, value)]); }
    }
    fact('Kind', el('span', { 'class': 'kind kind-' + kind, text: kind }));
    fact('Versions', artifact.versions.map(function (v) { return v.version; }).join(', '));
    fact('Aliases', artifact.aliases.join(', '));
    fact('Provides', artifact.provides.join(', '));
    fact('Tags', artifact.tags.join(', '));
    append(detailView, [back,
      el('h1', { id: 'detail-title', tabindex: '-1' }, artifact.name + ' ', el('span', { 'class': 'version-tag', text: version.version }),
        ' ', signatureBadge(version.signatures)),
      artifact.description ? el('p', { 'class': 'desc', text: artifact.description }) : null,
      facts,
      kind === 'solution' ? [el('h2', { text: 'Dependencies of ' + version.version }), graph(artifact, version)] : null,
      el('h2', { text: 'Use ' + artifact.name + '@' + version.version }),
      usage(artifact, version),
      el('h2', { text: 'Versions (newest first)' }),
      versions(artifact, version)]);
    timings.details.push({ artifact: keyOf(kind, name), versions: artifact.versions.length, ms: performance.now() - start });
    document.getElementById('detail-title').focus();
  }

  function usage(artifact, version) {
    var parts = data.plugin.split(':');
    var remote = data.pullFrom;
    var goal = remote ? 'pull' : 'inspect';
    var reference = remote ? remote + '/' + artifact.kind + 's/' + artifact.name + '@' + version.version
      : artifact.name + '@' + version.version;
    var command = 'mvn ' + data.plugin + ':' + goal + ' -Dscafctl.artifact=' + reference
      + (remote ? '' : ' -Dscafctl.kind=' + artifact.kind);
    var plugin = artifact.kind !== 'solution';
    var configuration = plugin ? (remote ? [
      '  <configuration>',
      '    <catalogs>',
      '      <catalog>',
      '        <name>' + xml(data.catalog.split(' ')[0]) + '</name>',
      '        <url>' + xml(remote.indexOf('://') > 0 ? remote : 'oci://' + remote) + '</url>',
      '      </catalog>',
      '    </catalogs>',
      '  </configuration>'] : []) : [
      '  <configuration>',
      '    <artifact>' + xml(reference) + '</artifact>',
      remote ? null : '    <kind>solution</kind>',
      '  </configuration>'];
    var pom = ['<plugin>',
      '  <groupId>' + parts[0] + '</groupId>',
      '  <artifactId>' + parts[1] + '</artifactId>',
      '  <version>' + parts[2] + '</version>']
      .concat(configuration, [
        '  <executions>',
        '    <execution>',
        '      <goals><goal>' + (plugin ? 'install-plugins' : goal) + '</goal></goals>',
        '    </execution>',
        '  </executions>',
        '</plugin>']).filter(function (line) { return line !== null; }).join('\n');
    var snippets = [snippet('pom-snippet', plugin ? 'pom.xml: install the plugins a solution declares'
      : 'pom.xml: ' + goal + ' this solution', pom)];
    if (plugin) {
      snippets.push(snippet('yaml-snippet', 'solution.yaml: declare it', ['bundle:', '  plugins:',
        '    - name: ' + artifact.name, '      kind: ' + artifact.kind, '      version: "' + version.version + '"'].join('\n')));
    }
    snippets.push(snippet('mvn-command', remote ? 'Pull it into the local catalog' : 'Inspect it', command));
    return snippets;
  }

  function xml(text) {
    return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }

  function snippet(id, label, text) {
    var status = el('span', { 'class': 'copied', role: 'status' });
    return el('div', { 'class': 'snippet' },
      el('div', { 'class': 'snippet-head' }, el('span', { id: id + '-label', text: label }),
        el('span', null, status, el('button', { type: 'button', 'class': 'copy', 'aria-describedby': id + '-label',
          onclick: function () { copy(text, status); }, text: 'Copy' }))),
      el('pre', { 'aria-labelledby': id + '-label' }, el('code', { id: id, text: text })));
  }

  function copy(text, status) {
    function done(ok) { status.textContent = ok ? 'Copied' : 'Select and copy'; }
    function fallback() {
      var area = el('textarea', { 'class': 'visually-hidden', readonly: true });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      document.body.removeChild(area);
      done(ok);
    }
    try {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
        return;
      }
    } catch (e) { /* fall back below */ }
    fallback();
  }

  /** The solution's dependency graph as inline SVG: the solution on the left, its plugins and vendored solutions right. */
  function graph(artifact, version) {
    var pins = {};
    version.pins.forEach(function (pin) {
      var at = pin.indexOf('@');
      pins[pin.substring(0, at)] = pin.substring(at + 1).split('=')[0];
    });
    var nodes = version.plugins.map(function (requirement) {
      var at = requirement.indexOf('@');
      var ref = at > 0 ? requirement.substring(0, at) : requirement;
      var slash = ref.indexOf('/');
      var pinned = pins[ref];
      return { ref: ref, kind: ref.substring(0, slash), name: ref.substring(slash + 1), type: 'plugin',
        sub: (at > 0 ? requirement.substring(at + 1) : '') + (pinned ? ' \u2192 ' + pinned + ' (locked)' : '') };
    }).concat(version.vendored.map(function (vendored) {
      var at = vendored.lastIndexOf('@');
      return { ref: 'solution/' + vendored.substring(0, at), kind: 'solution', name: vendored.substring(0, at),
        type: 'solution', version: vendored.substring(at + 1), sub: vendored.substring(at + 1) + ' (vendored)' };
    }));
    if (!nodes.length) {
      return el('p', { 'class': 'graph-empty', text: 'This version declares no plugins and vendors no solutions.' });
    }
    var rowHeight = 58, width = 720, nodeWidth = 260, nodeHeight = 44;
    var height = Math.max(nodes.length * rowHeight + 20, 84);
    var rootY = height / 2 - nodeHeight / 2;
    var picture = svg('svg', { 'class': 'graph', viewBox: '0 0 ' + width + ' ' + height, role: 'group',
      'aria-label': 'Dependency graph of ' + artifact.name + '@' + version.version });
    picture.appendChild(svg('defs', null, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '10', refY: '5',
      markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' }, svg('path', { d: 'M 0 0 L 10 5 L 0 10 z' }))));
    nodes.forEach(function (node, i) {
      var y = 10 + i * rowHeight;
      var x1 = 10 + 200, y1 = rootY + nodeHeight / 2, x2 = width - 10 - nodeWidth, y2 = y + nodeHeight / 2;
      picture.appendChild(svg('path', { 'class': 'edge', 'marker-end': 'url(#arrow)',
        d: 'M ' + x1 + ' ' + y1 + ' C ' + (x1 + 90) + ' ' + y1 + ', ' + (x2 - 90) + ' ' + y2 + ', ' + x2 + ' ' + y2 }));
    });
    picture.appendChild(box({ type: 'root', name: artifact.name, sub: version.version, ref: keyOf('solution', artifact.name) },
      10, rootY, 200, nodeHeight, null));
    nodes.forEach(function (node, i) {
      var known = byKey[node.ref];
      picture.appendChild(box(node, width - 10 - nodeWidth, 10 + i * rowHeight, nodeWidth, nodeHeight,
        known ? hrefOf(node.kind, node.name, node.version) : null));
    });
    var list = el('ul', { 'class': 'graph-list' }, nodes.map(function (node) {
      var known = byKey[node.ref];
      return el('li', null, known ? el('a', { href: hrefOf(node.kind, node.name, node.version), text: node.ref })
        : node.ref + ' (not in this catalog)', ' ', node.sub);
    }));
    return [picture, list];
  }

  function box(node, x, y, w, h, href) {
    var group = svg('g', { 'class': 'node node-' + node.type + (node.type === 'root' ? ' root' : '') + (href || node.type === 'root' ? '' : ' missing'),
        'data-ref': node.ref, transform: 'translate(' + x + ' ' + y + ')' },
      svg('rect', { width: w, height: h, rx: 6 }),
      svg('text', { x: 10, y: 18, text: node.name }),
      svg('text', { 'class': 'sub', x: 10, y: 35, text: node.sub + (href || node.type === 'root' ? '' : ' \u00b7 not in this catalog') }),
      svg('title', { text: node.ref + (node.sub ? ' ' + node.sub : '') }));
    if (!href) { return group; }
    return svg('a', { href: href, 'aria-label': node.ref + ' ' + node.sub }, group);
  }

  /* A version's signatures: unsigned, signed (no trusted keys to check them), verified or unverified. */
  var SIGNATURE_TEXT = {
    unsigned: ['unsigned', 'No signature'],
    signed: ['signed', 'Signed; not checked: the page was made without trustedKeys'],
    verified: ['signed \u2713 verified', 'A signature verifies with a trusted key'],
    unverified: ['signed \u2717 not verified', 'Signed, but no signature verifies with the trusted keys']
  };

  function signatureBadge(signatures) {
    var text = SIGNATURE_TEXT[signatures.status];
    var count = signatures.count > 1 ? ' (' + signatures.count + ')' : '';
    return el('span', { 'class': 'signature signature-' + signatures.status, title: text[1] + count,
      'data-signature': signatures.status, text: text[0] + count });
  }

  function versions(artifact, selected) {
    var fragment = document.createDocumentFragment();
    artifact.versions.forEach(function (version) {
      var facts = el('dl', { 'class': 'facts' });
      function fact(label, value) {
        if (value && (!Array.isArray(value) || value.length)) {
          append(facts, [el('dt', { text: label }), el('dd', null, Array.isArray(value) ? value.join(', ') : value)]);
        }
      }
      fact('Digest', el('code', { text: version.digest }));
      fact('Created', version.created);
      fact('Provides', version.provides);
      fact('Plugins', version.plugins);
      fact('Locked', version.pins);
      fact('Vendored', version.vendored);
      var platforms = version.platforms.length ? el('table', null,
        el('thead', null, el('tr', null, el('th', { text: 'Platform' }), el('th', { text: 'Binary size' }), el('th', { text: 'Binary digest' }))),
        el('tbody', null, version.platforms.map(function (p) {
          return el('tr', null, el('td', { text: p.platform }), el('td', { 'class': 'size', text: bytes(p.size) }),
            el('td', null, el('code', { text: p.binary })));
        }))) : null;
      var annotations = el('details', null, el('summary', { text: 'Annotations (' + Object.keys(version.annotations).length + ')' }),
        el('table', null, el('tbody', null, Object.keys(version.annotations).map(function (key) {
          return el('tr', null, el('th', { scope: 'row', 'class': 'mono', text: key }), el('td', { text: version.annotations[key] }));
        }))));
      var keys = version.signatures.verifiedBy;
      fact('Signed by', keys.length ? el('span', { 'class': 'signed-by' }, keys.map(function (key, i) {
        return [i ? ', ' : null, el('code', { text: key })];
      })) : null);
      fragment.appendChild(el('li', { 'class': 'version' + (version === selected ? ' selected' : ''), 'data-version': version.version },
        el('h3', null, el('a', { href: hrefOf(artifact.kind, artifact.name, version.version), text: version.version }),
          ' ', signatureBadge(version.signatures)),
        facts, platforms, annotations));
    });
    var list = el('ul', { 'class': 'versions' });
    list.appendChild(fragment);
    return list;
  }

  /* ---- routing and keys ----------------------------------------------------------------------------- */

  function route() {
    var parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
    if (parts.length >= 2) {
      state.lastOpened = keyOf(parts[0], parts[1]);
      listView.hidden = true;
      detailView.hidden = false;
      renderDetail(parts[0], parts[1], parts[2]);
      window.scrollTo(0, 0);
    } else {
      detailView.hidden = true;
      detailView.textContent = '';
      listView.hidden = false;
      var opened = state.lastOpened && byKey[state.lastOpened];
      if (opened) {
        var link = results.querySelector('a[href="' + hrefOf(opened.kind, opened.name) + '"]');
        if (link) { link.focus(); }
      }
    }
  }

  search.addEventListener('input', function () { state.query = search.value; scheduleFilter(); });
  search.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { search.value = ''; state.query = ''; scheduleFilter(); }
  });
  kindButtons.forEach(function (button) {
    button.addEventListener('click', function () { setKind(button.getAttribute('data-kind')); });
  });
  document.addEventListener('keydown', function (e) {
    var target = e.target;
    var typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      if (listView.hidden) { location.hash = '#/'; }
      search.focus();
    }
  });
  window.addEventListener('hashchange', route);

  renderList();
  route();
  timings.ready = performance.now();
  document.body.setAttribute('data-ready', 'true');
}());

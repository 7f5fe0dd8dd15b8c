extension HTMLReport {
    static let style = """
        body { font-family: system-ui, sans-serif; margin: 24px; color: #1d2b3a; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 32px 0 4px; }
        .summary, .model { color: #4a5a6a; margin: 4px 0 12px; }
        table.verdicts { border-collapse: collapse; font-size: 13px; }
        table.verdicts th, table.verdicts td { border: 1px solid #d0d7e0; padding: 3px 8px; text-align: left; }
        table.verdicts th { background: #eef2f7; }
        tr.fail td, tr.error td { background: #fde8e8; }
        tr.inconclusive td, tr.skipped td { background: #fdf6e3; }
        section.counterexample { outline: none; border-top: 1px solid #d0d7e0; }
        section.counterexample.active h2::after { content: '  (arrow keys step through)'; font-weight: normal; color: #6b7785; font-size: 13px; }
        .pair { display: flex; gap: 16px; align-items: flex-start; }
        .chart { flex: none; overflow-x: auto; }
        ol.steps { flex: 1; font-size: 12px; margin: 0; padding-left: 34px; max-height: 85vh; overflow-y: auto; }
        ol.steps li { padding: 3px 4px; border-left: 3px solid transparent; cursor: pointer; }
        ol.steps li.current { background: #e3edfb; border-left-color: #1a5fb4; }
        ol.steps .who { font-weight: bold; }
        ol.steps .where { color: #4a5a6a; }
        ol.steps .event { display: block; color: #4a5a6a; padding-left: 12px; font-family: ui-monospace, monospace; }
        ol.steps li:last-child .event:last-child, pre.violation { color: #a51d2d; }
        pre.violation { white-space: pre-wrap; background: #fde8e8; border: 1px solid #c01c28; padding: 8px; }
        #errors { color: #a51d2d; border: 2px solid #c01c28; padding: 8px; }
        """

    /// Installed first, so errors anywhere later land in the page.
    static let errorCatcher = """
        (function () {
          var errors = [];
          function note(text) {
            errors.push(String(text));
            document.documentElement.setAttribute('data-errors', String(errors.length));
            var pre = document.getElementById('errors');
            if (pre) { pre.hidden = false; pre.textContent = errors.join('\\n'); }
          }
          window.graceErrors = errors;
          window.addEventListener('error', function (event) { note(event.message + ' at line ' + event.lineno); });
          var original = console.error;
          console.error = function () { note(Array.prototype.join.call(arguments, ' ')); original.apply(console, arguments); };
        })();
        """

    /// Step-through: arrow keys move the highlight in the active
    /// counterexample, a click on a step or box selects it. `#selftest` in
    /// the address presses keys at load, for headless checks.
    static let stepper = """
        (function () {
          var sections = Array.prototype.slice.call(document.querySelectorAll('section.counterexample'));
          var active = null;
          function count(section) { return section.querySelectorAll('ol.steps li').length; }
          function show(section, step) {
            var total = count(section);
            if (total === 0) { return; }
            step = Math.max(1, Math.min(total, step));
            section.querySelectorAll('.current').forEach(function (node) { node.classList.remove('current'); });
            section.querySelectorAll('[data-step="' + step + '"]').forEach(function (node) {
              if (node.matches('li, g.step')) { node.classList.add('current'); }
            });
            section.setAttribute('data-current-step', String(step));
            var item = section.querySelector('ol.steps li.current');
            if (item && active === section && item.scrollIntoView) { item.scrollIntoView({ block: 'nearest' }); }
          }
          function activate(section) {
            sections.forEach(function (other) { other.classList.toggle('active', other === section); });
            active = section;
          }
          sections.forEach(function (section) {
            section.setAttribute('data-rendered-lanes', String(section.querySelectorAll('svg .lane-header').length));
            section.setAttribute('data-rendered-steps', String(section.querySelectorAll('svg g.step').length));
            section.setAttribute('data-rendered-items', String(count(section)));
            section.setAttribute('data-rendered-links', String(section.querySelectorAll('svg .link-group, svg .grace-period').length));
            show(section, 1);
            section.addEventListener('click', function (event) {
              activate(section);
              var target = event.target.closest('[data-step]');
              if (target) { show(section, Number(target.getAttribute('data-step'))); }
            });
          });
          if (sections.length) { activate(sections[0]); }
          document.addEventListener('keydown', function (event) {
            if (!active) { return; }
            var current = Number(active.getAttribute('data-current-step')) || 1;
            var moves = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
            if (event.key in moves) { show(active, current + moves[event.key]); }
            else if (event.key === 'Home') { show(active, 1); }
            else if (event.key === 'End') { show(active, count(active)); }
            else { return; }
            event.preventDefault();
          });
          if (location.hash === '#selftest' && active) {
            ['ArrowDown', 'ArrowDown', 'ArrowUp'].forEach(function (key) {
              document.dispatchEvent(new KeyboardEvent('keydown', { key: key }));
            });
            document.body.setAttribute('data-selftest-step', active.getAttribute('data-current-step'));
          }
          document.body.setAttribute('data-rendered', String(sections.length));
        })();
        """
}

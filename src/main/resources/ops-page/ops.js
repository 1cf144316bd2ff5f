// The operator page: reads /ops/summary and today's /api/reconciliation, and draws them; again every REFRESH_MS.
// Every value from the server goes in through textContent, never as HTML: order ids, reasons and TokenX's messages
// come from outside.
'use strict';

(function () {
  const REFRESH_MS = 10000;
  const BREAKER_STATES = ['CLOSED', 'OPEN', 'HALF_OPEN', 'FORCED_OPEN', 'DISABLED', 'METRICS_ONLY'];
  // The origin, never the page's own URL: that may carry user:password@, and fetch refuses a URL with credentials.
  const origin = window.location.origin;

  function element(tag, text, className) {
    const el = document.createElement(tag);
    if (text !== undefined && text !== null) {
      el.textContent = String(text);
    }
    if (className) {
      el.className = className;
    }
    return el;
  }

  function note(text, className) {
    return element('p', text, className || 'empty');
  }

  // columns: [{title, value: row => text, number: bool}]
  function table(id, columns, rows) {
    const t = element('table');
    t.id = id;
    const head = element('thead');
    const headRow = element('tr');
    columns.forEach(function (c) { headRow.appendChild(element('th', c.title)); });
    head.appendChild(headRow);
    t.appendChild(head);
    const body = element('tbody');
    rows.forEach(function (row) {
      const tr = element('tr');
      columns.forEach(function (c) {
        const value = c.value(row);
        tr.appendChild(element('td', value === undefined || value === null ? '' : value, c.number ? 'number' : ''));
      });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }

  function show(sectionId, nodes) {
    document.getElementById(sectionId + '-body').replaceChildren(...nodes);
  }

  function unavailable(value) {
    return value && !Array.isArray(value) && typeof value === 'object' && typeof value.unavailable === 'string';
  }

  // Draws one section, or its "unavailable" note when the server could not read it.
  function section(sectionId, value, draw) {
    if (value === undefined) {
      show(sectionId, [note('not in the summary', 'unavailable')]);
    } else if (unavailable(value)) {
      show(sectionId, [note('not available: ' + value.unavailable, 'unavailable')]);
    } else {
      show(sectionId, draw(value));
    }
  }

  // "2026-12-01T08:48:41.746227Z" -> "2026-12-01 08:48:41Z": the server's times are UTC, to the second is enough here.
  function time(value) {
    return value ? String(value).replace('T', ' ').replace(/\.\d+/, '') : '';
  }

  function drawTokenx(tokenx) {
    const state = String(tokenx.breaker.state);
    const stateEl = element('span', state, 'breaker');
    stateEl.id = 'breaker-state';
    if (BREAKER_STATES.indexOf(state) >= 0) {
      stateEl.classList.add(state);
    }
    const line = element('p');
    line.appendChild(document.createTextNode('Circuit breaker: '));
    line.appendChild(stateEl);
    line.appendChild(document.createTextNode(
      (tokenx.enabled ? '' : ' (the TokenX client is switched off)') +
      '; failure rate ' + (tokenx.breaker.failureRate < 0 ? 'not yet measured' : tokenx.breaker.failureRate + ' %') +
      ', ' + tokenx.breaker.bufferedCalls + ' calls counted, ' + tokenx.breaker.failedCalls + ' failed, ' +
      tokenx.breaker.notPermittedCalls + ' not permitted'));
    const failure = tokenx.lastFailure;
    const last = failure
      ? table('tokenx-last-failure', [
        { title: 'last failure at', value: function (f) { return time(f.at); } },
        { title: 'code', value: function (f) { return f.code; } },
        { title: 'message', value: function (f) { return f.message; } }
      ], [failure])
      : note('No failed TokenX call since start-up.');
    return [line, last];
  }

  function drawOrdersByState(counts) {
    return [table('orders-by-state-table', [
      { title: 'state', value: function (c) { return c.state; } },
      { title: 'orders', value: function (c) { return c.count; }, number: true }
    ], counts)];
  }

  function drawOldestOpen(orders) {
    if (orders.length === 0) {
      return [note('No open orders.')];
    }
    return [table('oldest-open-table', [
      { title: 'terminal', value: function (o) { return o.terminal || ('branch ' + o.branch); } },
      { title: 'order id', value: function (o) { return o.orderId; } },
      { title: 'state', value: function (o) { return o.state; } },
      { title: 'since', value: function (o) { return time(o.since); } },
      { title: 'reason', value: function (o) { return o.reason; } },
      { title: 'attempts', value: function (o) { return o.attempts; }, number: true },
      { title: 'open orders', value: function (o) { return o.openOrders; }, number: true }
    ], orders)];
  }

  function drawRefusals(refusals) {
    if (refusals.length === 0) {
      return [note('No refusals among the latest order events.')];
    }
    return [table('refusals-table', [
      { title: 'at', value: function (r) { return time(r.at); } },
      { title: 'what', value: function (r) { return r.kind; } },
      { title: 'order id', value: function (r) { return r.orderId; } },
      { title: 'basket id', value: function (r) { return r.basketId; } },
      { title: 'operation', value: function (r) { return r.operation; } },
      { title: 'code', value: function (r) { return r.code; } },
      { title: 'reason', value: function (r) { return r.reason; } }
    ], refusals)];
  }

  function drawHolds(holds) {
    if (holds.length === 0) {
      return [note('No pending holds.')];
    }
    return [table('holds-table', [
      { title: 'currency', value: function (h) { return h.currency; } },
      { title: 'pending', value: function (h) { return h.count; }, number: true },
      { title: 'amount', value: function (h) { return h.amount; }, number: true },
      { title: 'oldest hold', value: function (h) { return h.oldest && h.oldest.holdKey; } },
      { title: 'its account', value: function (h) { return h.oldest && h.oldest.accountId; } },
      { title: 'its amount', value: function (h) { return h.oldest && h.oldest.amount; }, number: true },
      { title: 'created', value: function (h) { return h.oldest && time(h.oldest.createdAt); } },
      { title: 'expires', value: function (h) { return h.oldest && time(h.oldest.expiresAt); } }
    ], holds)];
  }

  function drawRoutes(routes) {
    return [table('routes-table', [
      { title: 'route', value: function (r) { return r.id; } },
      { title: 'state', value: function (r) { return r.state; } },
      { title: 'exchanges', value: function (r) { return r.exchangesTotal; }, number: true },
      { title: 'failed', value: function (r) { return r.exchangesFailed; }, number: true },
      { title: 'in flight', value: function (r) { return r.exchangesInflight; }, number: true }
    ], routes)];
  }

  function countAndAmount(part) {
    return part ? part.count + ' / ' + part.amount : '';
  }

  function drawReconciliation(report) {
    const caption = note('Date ' + report.date + ' (' + report.timeZone + '); holds as count / amount.', 'empty');
    if (!report.rows || report.rows.length === 0) {
      return [caption, note('Nothing happened on this day.')];
    }
    return [caption, table('reconciliation-table', [
      { title: 'store', value: function (r) { return r.store; } },
      { title: 'currency', value: function (r) { return r.currency; } },
      { title: 'holds created', value: function (r) { return countAndAmount(r.holdsCreated); } },
      {
        title: 'finalised (posted)', value: function (r) {
          return r.holdsFinalised ? countAndAmount(r.holdsFinalised) + ' (' + r.holdsFinalised.posted + ')' : '';
        }
      },
      { title: 'reversed', value: function (r) { return countAndAmount(r.holdsReversed); } },
      { title: 'expired', value: function (r) { return countAndAmount(r.holdsExpired); } },
      { title: 'pending', value: function (r) { return countAndAmount(r.holdsPending); } },
      { title: 'finalised after expiry', value: function (r) { return countAndAmount(r.finalisedAfterExpiry); } },
      {
        title: 'orders (state: count / total)', value: function (r) {
          return (r.orders || []).map(function (o) { return o.state + ': ' + o.count + ' / ' + o.total; }).join(', ');
        }
      }
    ], report.rows)];
  }

  function get(path) {
    return fetch(origin + path, { cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'application/json' } });
  }

  async function refreshReconciliation(today) {
    try {
      const answer = await get('/api/reconciliation?date=' + encodeURIComponent(today));
      if (answer.status === 404) {
        show('reconciliation', [note('not available (this posbridge has no reconciliation report)', 'unavailable')]);
      } else if (!answer.ok) {
        show('reconciliation', [note('not available: HTTP ' + answer.status, 'unavailable')]);
      } else {
        show('reconciliation', drawReconciliation(await answer.json()));
      }
    } catch (e) {
      show('reconciliation', [note('not available: ' + e.message, 'unavailable')]);
    }
  }

  async function refresh() {
    const status = document.getElementById('status');
    try {
      const answer = await get('/ops/summary');
      if (!answer.ok) {
        throw new Error('HTTP ' + answer.status + (answer.status === 401 ? ' (admin credentials required)' : ''));
      }
      const summary = await answer.json();
      section('tokenx', summary.tokenx, drawTokenx);
      section('orders-by-state', summary.ordersByState, drawOrdersByState);
      section('oldest-open', summary.oldestOpenOrders, drawOldestOpen);
      section('refusals', summary.recentRefusals, drawRefusals);
      section('holds', summary.pendingHolds, drawHolds);
      section('routes', summary.routes, drawRoutes);
      await refreshReconciliation(summary.today);
      status.textContent = 'read at ' + time(summary.generatedAt);
      status.className = 'status';
    } catch (e) {
      status.textContent = 'could not read the summary: ' + e.message + '; trying again';
      status.className = 'status failed';
    } finally {
      window.setTimeout(refresh, REFRESH_MS);
    }
  }

  refresh();
}());

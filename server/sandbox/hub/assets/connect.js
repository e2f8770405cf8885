/*
 * The sandbox's stand-in for StackOne's legacy Connect library (app.stackone.com/stackone/connect.js),
 * the script `@stackone/react-hub` loads and plain pages include with a <script> tag. It defines
 * `window.Connect.start(options)`, the only call the hook makes (stackone-hub-protocol.md §10).
 *
 * Like StackOne's, it shows the Hub in an iframe (a modal, or `styles.inline.containerId`) hosted on the
 * origin this script came from, and learns the outcome by postMessage from that frame
 * (/embedded/connect, hub/connect-frame-page.ts). The real script's internals are not published: the
 * message format below is the sandbox's own.
 */
/* global window, document, URL, URLSearchParams, setTimeout */
(function () {
  'use strict';

  var MESSAGE_SOURCE = 'stackone-sandbox-connect';
  var FALLBACK_ORIGIN = '__SANDBOX_PUBLIC_URL__';
  // The origin the browser actually loaded this script from; the frame comes from there too.
  var script = document.currentScript;
  var frameOrigin = new URL(script && script.src ? script.src : FALLBACK_ORIGIN, window.location.href).origin;
  var current = null;

  // A callback that throws must not keep the next one from running (onCancel, then onClose).
  function call(fn, arg) {
    if (typeof fn !== 'function') return;
    try {
      fn(arg);
    } catch (err) {
      setTimeout(function () {
        throw err;
      });
    }
  }

  function css(el, styles) {
    for (var key in styles) el.style[key] = styles[key];
  }

  function open(options) {
    var styles = options.styles || {};
    var inline = styles.inline && styles.inline.containerId ? styles.inline : null;
    var flags = styles.options || {};
    var linked = false;
    var finished = false;
    var root;

    var frame = document.createElement('iframe');
    frame.title = 'StackOne Hub';
    frame.src =
      frameOrigin +
      '/embedded/connect?' +
      new URLSearchParams({ token: options.sessionToken, host_origin: window.location.origin }).toString();
    css(frame, { border: '0', display: 'block', background: flags.bgColor || '#ffffff' });

    if (inline) {
      var container = document.getElementById(inline.containerId);
      if (!container) throw new Error('Connect.start: no element with id "' + inline.containerId + '"');
      css(frame, { width: inline.width || '100%', height: inline.height || '600px' });
      container.appendChild(frame);
      root = frame;
    } else {
      root = document.createElement('div');
      root.setAttribute('role', 'dialog');
      root.setAttribute('aria-modal', 'true');
      root.setAttribute('aria-label', 'StackOne Hub');
      css(root, {
        position: 'fixed',
        inset: '0',
        zIndex: '2147483647',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'rgba(15, 23, 42, 0.55)',
      });
      var panel = document.createElement('div');
      css(panel, {
        position: 'relative',
        width: 'min(480px, calc(100vw - 32px))',
        height: 'min(720px, calc(100vh - 32px))',
        borderRadius: '12px',
        overflow: 'hidden',
        boxShadow: '0 20px 50px rgba(0, 0, 0, 0.3)',
        background: flags.bgColor || '#ffffff',
      });
      css(frame, { width: '100%', height: '100%' });
      panel.appendChild(frame);
      if (flags.close !== false) {
        var close = document.createElement('button');
        close.type = 'button';
        close.setAttribute('aria-label', 'Close');
        close.textContent = '\u00d7';
        css(close, {
          position: 'absolute',
          top: '4px',
          right: '8px',
          width: '32px',
          height: '32px',
          border: '0',
          borderRadius: '16px',
          background: 'transparent',
          color: '#ffffff',
          font: '24px/32px system-ui, sans-serif',
          cursor: 'pointer',
        });
        close.addEventListener('click', finish);
        panel.appendChild(close);
      }
      root.appendChild(panel);
      document.body.appendChild(root);
    }

    function onMessage(event) {
      if (event.source !== frame.contentWindow || event.origin !== frameOrigin) return;
      var data = event.data;
      if (!data || data.source !== MESSAGE_SOURCE) return;
      if (data.event === 'success' && data.account) {
        linked = true;
        call(options.onSuccess, { id: String(data.account.id), provider: String(data.account.provider) });
      } else if (data.event === 'close') {
        finish();
      }
    }

    function onKey(event) {
      if (event.key === 'Escape' && !inline && flags.close !== false) finish();
    }

    function dispose() {
      window.removeEventListener('message', onMessage);
      document.removeEventListener('keydown', onKey);
      if (root.parentNode) root.parentNode.removeChild(root);
      if (current === handle) current = null;
    }

    // onCancel only when nothing was linked, then onClose every time (react-hub's README).
    function finish() {
      if (finished) return;
      finished = true;
      dispose();
      if (!linked) call(options.onCancel);
      call(options.onClose);
    }

    window.addEventListener('message', onMessage);
    document.addEventListener('keydown', onKey);
    var handle = { dispose: dispose };
    return handle;
  }

  function start(options) {
    if (!options || typeof options.sessionToken !== 'string' || !options.sessionToken)
      throw new Error('Connect.start: sessionToken is required');
    // react-hub may call start again while a flow is open; the new one replaces it without callbacks,
    // which would otherwise mark the hook's new flow closed.
    if (current) current.dispose();
    current = open(options);
  }

  window.Connect = { start: start };
})();

// @ts-check
/* The portal's only script (served at /portail/assets/portail.js): ES5, no framework, so the
 * refurbished computers' browsers run it. Linted as ES5 browser code and type-checked from its
 * JSDoc (src/plugins/portal/server/src/pages/tsconfig.json, part of `npm run typecheck`). */
(function () {
  'use strict';
  var TOKEN = 'sv-portail-jwt';
  var app = shell('app');
  var status = shell('status');
  var who = shell('who');
  var logoutButton = shell('logout');
  var NEEDS = { screen: 'Écran', webcam: 'Webcam', microphone: 'Micro', keyboardMouse: 'Clavier et souris' };

  /**
   * An element of the page's shell (server/src/pages/index.ts), which always has it.
   * @param {string} id
   * @returns {HTMLElement}
   */
  function shell(id) { return /** @type {HTMLElement} */ (document.getElementById(id)); }

  /**
   * Whether an object has a key of its own (not inherited).
   * @param {object} object
   * @param {string} key
   */
  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function token() { try { return window.sessionStorage.getItem(TOKEN); } catch (_e) { return null; } }
  function setToken(value) { try { if (value) { window.sessionStorage.setItem(TOKEN, value); } else { window.sessionStorage.removeItem(TOKEN); } } catch (_e) { /* private mode */ } }

  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    var key;
    attrs = attrs || {};
    for (key in attrs) {
      if (!own(attrs, key) || attrs[key] === null || attrs[key] === undefined || attrs[key] === false) continue;
      if (key === 'text') el.appendChild(document.createTextNode(String(attrs[key])));
      else if (key.indexOf('on') === 0) el.addEventListener(key.slice(2), attrs[key]);
      else if (attrs[key] === true) el.setAttribute(key, '');
      else el.setAttribute(key, String(attrs[key]));
    }
    children = children || [];
    for (var i = 0; i < children.length; i++) {
      if (children[i] === null || children[i] === undefined) continue;
      el.appendChild(typeof children[i] === 'string' ? document.createTextNode(children[i]) : children[i]);
    }
    return el;
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function say(message) { status.textContent = ''; setTimeout(function () { status.textContent = message; }, 50); }
  function date(value) {
    if (!value) return '—';
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
    return m ? m[3] + '/' + m[2] + '/' + m[1] : String(value);
  }

  function request(method, url, body, blob, done) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, url, true);
    if (token()) xhr.setRequestHeader('Authorization', 'Bearer ' + token());
    if (body) xhr.setRequestHeader('Content-Type', 'application/json');
    if (blob) xhr.responseType = 'blob';
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) return;
      if (xhr.status >= 200 && xhr.status < 300) {
        if (blob) return done(null, xhr.response, xhr);
        var data = null;
        try { data = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch (_e) { data = null; }
        return done(null, data, xhr);
      }
      if (xhr.status === 401 && token()) { setToken(null); return start('Votre session a expiré : reconnectez-vous.'); }
      var finish = function (text) {
        var parsed = null;
        try { parsed = JSON.parse(text); } catch (_e) { parsed = null; }
        var error = (parsed && parsed.error) || {};
        var message = error.message || (xhr.status === 0 ? 'Le serveur ne répond pas. Vérifiez votre connexion.' : 'Une erreur est survenue (' + xhr.status + ').');
        done({ status: xhr.status, message: message, details: (error.details && error.details.errors) || [] });
      };
      if (blob && xhr.response && window.FileReader) {
        var reader = new FileReader();
        reader.onload = function () { finish(String(reader.result)); };
        reader.readAsText(xhr.response);
      } else finish(blob ? '' : xhr.responseText);
    };
    xhr.send(body ? JSON.stringify(body) : null);
  }

  function download(url, fileName) {
    say('Préparation du document…');
    request('GET', url, null, true, function (err, data) {
      if (err) { showError(err); return; }
      // Internet Explorer and the old Edge save a blob their own way.
      var nav = /** @type {Navigator & { msSaveBlob?: (blob: Blob, name: string) => void }} */ (window.navigator);
      if (nav.msSaveBlob) { nav.msSaveBlob(data, fileName); return; }
      var link = h('a', { href: URL.createObjectURL(data), download: fileName });
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); document.body.removeChild(link); }, 60000);
      say('Document téléchargé : ' + fileName);
    });
  }

  var errorBox = null;
  function showError(err, form) {
    if (errorBox && errorBox.parentNode) errorBox.parentNode.removeChild(errorBox);
    var items = [];
    for (var i = 0; i < (err.details || []).length; i++) items.push(h('li', { text: err.details[i].message }));
    errorBox = h('div', { 'class': 'alert error', role: 'alert', tabindex: '-1' }, [h('p', { text: items.length > 1 ? 'Le formulaire contient des erreurs :' : err.message }), items.length > 1 ? h('ul', {}, items) : null]);
    (form || app).insertBefore(errorBox, (form || app).firstChild);
    errorBox.focus();
  }

  function field(label, input, hint) {
    var id = input.id;
    return h('p', { 'class': 'field' }, [h('label', { 'for': id, text: label }), hint ? h('span', { 'class': 'hint', id: id + '-hint', text: hint }) : null, input]);
  }

  function loginView(notice) {
    clear(app);
    who.textContent = '';
    logoutButton.hidden = true;
    var email = h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true });
    var password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
    var form = h('form', { 'class': 'card', novalidate: true, onsubmit: function (e) {
      e.preventDefault();
      request('POST', '/api/auth/local', { identifier: email.value, password: password.value }, false, function (err, data) {
        if (err) {
          if (err.status === 400) err = { message: 'Adresse e-mail ou mot de passe incorrect.', details: [] };
          return showError(err, form);
        }
        setToken(data.jwt);
        start();
      });
    } }, [field('Adresse e-mail', email), field('Mot de passe', password), h('p', {}, [h('button', { type: 'submit', 'class': 'primary', text: 'Se connecter' })]),
      h('p', {}, [h('a', { href: '#oubli', onclick: function (e) { e.preventDefault(); forgotView(); }, text: 'Mot de passe oublié ?' })])]);
    app.appendChild(h('h1', { text: 'Connexion au portail' }));
    if (notice) app.appendChild(h('p', { 'class': 'alert info', role: 'status', text: notice }));
    app.appendChild(h('p', { text: "Pour les structures qui orientent des foyers vers l'atelier et pour les donateurs. Votre accès vous est ouvert par l'atelier, par e-mail." }));
    app.appendChild(form);
    email.focus();
  }

  function invitationView() {
    clear(app);
    var m = /jeton=([^&]+)/.exec(window.location.hash || '');
    app.appendChild(h('h1', { text: 'Choisir votre mot de passe' }));
    if (!m) { app.appendChild(h('p', { 'class': 'alert error', role: 'alert', text: "Ce lien d'invitation est incomplet. Ouvrez-le depuis l'e-mail reçu, ou demandez-en un nouveau à l'atelier." })); return; }
    var jeton = m[1];
    var password = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', required: true, minlength: '10', 'aria-describedby': 'new-password-hint' });
    var confirm = h('input', { id: 'confirm-password', type: 'password', autocomplete: 'new-password', required: true });
    var form = h('form', { 'class': 'card', novalidate: true, onsubmit: function (e) {
      e.preventDefault();
      if (password.value !== confirm.value) return showError({ message: 'Les deux mots de passe ne sont pas identiques.', details: [] }, form);
      request('POST', '/api/portal/invitations/accept', { token: decodeURIComponent(jeton), password: password.value }, false, function (err) {
        if (err) return showError(err, form);
        window.history.replaceState(null, '', '/portail/');
        loginView('Votre mot de passe est enregistré : connectez-vous.');
      });
    } }, [field('Nouveau mot de passe', password, 'Au moins 10 caractères.'), field('Confirmer le mot de passe', confirm), h('p', {}, [h('button', { type: 'submit', 'class': 'primary', text: 'Enregistrer le mot de passe' })])]);
    app.appendChild(form);
    password.focus();
  }

  function forgotView() {
    clear(app);
    var email = h('input', { id: 'forgot-email', type: 'email', autocomplete: 'username', required: true });
    var form = h('form', { 'class': 'card', novalidate: true, onsubmit: function (e) {
      e.preventDefault();
      request('POST', '/api/auth/forgot-password', { email: email.value }, false, function (err) {
        if (err && err.status !== 400) return showError(err, form);
        // The same answer whether the account exists or not.
        loginView("Si un compte existe pour cette adresse, un e-mail vient de partir avec un lien pour choisir un nouveau mot de passe.");
      });
    } }, [field('Adresse e-mail de votre compte', email), h('p', { 'class': 'actions' }, [h('button', { type: 'submit', 'class': 'primary', text: 'Recevoir un lien' }), h('button', { type: 'button', onclick: function () { loginView(); }, text: 'Retour' })])]);
    app.appendChild(h('h1', { text: 'Mot de passe oublié' }));
    app.appendChild(form);
    email.focus();
  }

  function resetView() {
    clear(app);
    // The code is in the fragment (#code=…), which the browser never sends to the server.
    var m = /code=([^&]+)/.exec(window.location.hash || '');
    app.appendChild(h('h1', { text: 'Nouveau mot de passe' }));
    if (!m) { app.appendChild(h('p', { 'class': 'alert error', role: 'alert', text: "Ce lien est incomplet. Ouvrez-le depuis l'e-mail reçu, ou refaites la demande." })); return; }
    var code = m[1];
    var password = h('input', { id: 'reset-password', type: 'password', autocomplete: 'new-password', required: true, minlength: '10', 'aria-describedby': 'reset-password-hint' });
    var confirm = h('input', { id: 'reset-confirm', type: 'password', autocomplete: 'new-password', required: true });
    var form = h('form', { 'class': 'card', novalidate: true, onsubmit: function (e) {
      e.preventDefault();
      if (password.value.length < 10) return showError({ message: 'Le mot de passe doit compter au moins 10 caractères.', details: [] }, form);
      if (password.value !== confirm.value) return showError({ message: 'Les deux mots de passe ne sont pas identiques.', details: [] }, form);
      request('POST', '/api/auth/reset-password', { code: decodeURIComponent(code), password: password.value, passwordConfirmation: confirm.value }, false, function (err) {
        if (err) {
          return showError(err, form);
        }
        window.history.replaceState(null, '', '/portail/');
        loginView('Votre nouveau mot de passe est enregistré : connectez-vous.');
      });
    } }, [field('Nouveau mot de passe', password, 'Au moins 10 caractères.'), field('Confirmer le mot de passe', confirm), h('p', {}, [h('button', { type: 'submit', 'class': 'primary', text: 'Enregistrer le mot de passe' })])]);
    app.appendChild(form);
    password.focus();
  }

  function checkbox(id, label, checked) {
    var input = h('input', { id: id, type: 'checkbox', checked: !!checked });
    return { input: input, el: h('p', { 'class': 'check' }, [input, h('label', { 'for': id, text: ' ' + label })]) };
  }

  function filingForm(onDone) {
    var f = {
      referenceName: h('input', { id: 'f-name', maxlength: '80', required: true, 'aria-describedby': 'f-name-hint' }),
      commune: h('input', { id: 'f-commune', maxlength: '120', required: true, autocomplete: 'address-level2' }),
      children: h('input', { id: 'f-children', type: 'number', min: '0', max: '20', inputmode: 'numeric' }),
      phone: h('input', { id: 'f-phone', type: 'tel', maxlength: '20' }),
      reason: h('textarea', { id: 'f-reason', rows: '3', maxlength: '2000' })
    };
    var laptop = h('input', { id: 'f-laptop', type: 'radio', name: 'deviceType', value: 'laptop' });
    var desktop = h('input', { id: 'f-desktop', type: 'radio', name: 'deviceType', value: 'desktop', checked: true });
    var needs = {};
    var needEls = [];
    for (var key in NEEDS) { if (own(NEEDS, key)) { needs[key] = checkbox('f-' + key, NEEDS[key]); needEls.push(needs[key].el); } }
    var consent = checkbox('f-consent', "Le foyer a donné son accord pour que ces informations soient transmises à l'atelier.");
    var form = h('form', { 'class': 'card', novalidate: true, 'aria-labelledby': 'filing-title', onsubmit: function (e) {
      e.preventDefault();
      var body = { data: {
        household: { referenceName: f.referenceName.value, commune: f.commune.value, childrenInCollege: f.children.value === '' ? null : Number(f.children.value), phone: f.phone.value || null, consent: consent.input.checked },
        needs: { deviceType: laptop.checked ? 'laptop' : 'desktop', screen: needs.screen.input.checked, webcam: needs.webcam.input.checked, microphone: needs.microphone.input.checked, keyboardMouse: needs.keyboardMouse.input.checked },
        reason: f.reason.value || null
      } };
      request('POST', '/api/portail/prescriptions', body, false, function (err, data) {
        if (err) return showError(err, form);
        onDone(data.data);
      });
    } }, [
      h('h2', { id: 'filing-title', text: 'Nouvelle prescription' }),
      field('Nom de référence du foyer', f.referenceName, 'Le strict nécessaire, par exemple « Foyer M. ».'),
      field('Commune', f.commune),
      field('Enfants au collège', f.children),
      field('Téléphone du foyer (facultatif)', f.phone),
      h('fieldset', {}, [h('legend', { text: "Type d'ordinateur" }), h('p', { 'class': 'check' }, [desktop, h('label', { 'for': 'f-desktop', text: ' Ordinateur fixe' })]), h('p', { 'class': 'check' }, [laptop, h('label', { 'for': 'f-laptop', text: ' Ordinateur portable' })])]),
      h('fieldset', {}, [h('legend', { text: 'Accessoires nécessaires' })].concat(needEls)),
      field('Motif (facultatif)', f.reason),
      consent.el,
      h('p', {}, [h('button', { type: 'submit', 'class': 'primary', text: 'Déposer la prescription' })])
    ]);
    return { form: form, focus: function () { f.referenceName.focus(); } };
  }

  function prescriptionCard(p) {
    var note = h('textarea', { id: 'note-' + p.documentId, rows: '2', maxlength: '2000' });
    var follow = [];
    for (var i = 0; i < p.followUps.length; i++) follow.push(h('li', {}, [h('strong', { text: date(p.followUps[i].date) + ' — ' }), p.followUps[i].note + (p.followUps[i].author ? ' (' + p.followUps[i].author + ')' : '')]));
    var needs = [];
    for (var key in NEEDS) { if (own(NEEDS, key) && p.needs && p.needs[key]) needs.push(NEEDS[key]); }
    var form = h('form', { novalidate: true, onsubmit: function (e) {
      e.preventDefault();
      request('POST', '/api/portail/prescriptions/' + p.documentId + '/follow-ups', { note: note.value }, false, function (err) {
        if (err) return showError(err, form);
        say('Note ajoutée à la prescription ' + p.number + '.');
        start(null, p.documentId);
      });
    } }, [field('Ajouter une note de suivi', note), h('p', {}, [h('button', { type: 'submit', text: 'Ajouter la note' })])]);
    return h('details', { id: 'p-' + p.documentId, 'data-number': p.number }, [
      h('summary', {}, [h('span', { 'class': 'number', text: p.number }), ' · ' + (p.household ? p.household.referenceName : '—') + ' · reçue le ' + date(p.receivedAt) + ' · ', h('span', { 'class': 'stage stage-' + p.stage, text: p.stageLabel })]),
      h('dl', {}, [
        h('dt', { text: 'Commune' }), h('dd', { text: p.household ? p.household.commune : '—' }),
        h('dt', { text: 'Besoin' }), h('dd', { text: (p.needs && p.needs.deviceType === 'laptop' ? 'Ordinateur portable' : 'Ordinateur fixe') + (needs.length ? ' + ' + needs.join(', ') : '') }),
        h('dt', { text: 'Décision' }), h('dd', { text: date(p.decidedAt) }),
        h('dt', { text: 'Remise' }), h('dd', { text: date(p.handedOverAt) })
      ]),
      h('p', { 'class': 'actions' }, [
        h('button', { type: 'button', onclick: function () { download('/api/portail/prescriptions/' + p.documentId + '/form', 'fiche-' + p.number + '.pdf'); }, text: 'Fiche remplie (PDF)' }),
        p.hasReceipt ? h('button', { type: 'button', onclick: function () { download('/api/portail/prescriptions/' + p.documentId + '/receipt', 'recepisse-' + p.number + '.pdf'); }, text: 'Récépissé de remise (PDF)' }) : null
      ]),
      h('h3', { text: 'Suivi' }),
      follow.length ? h('ul', {}, follow) : h('p', { 'class': 'hint', text: 'Aucune note pour l’instant.' }),
      form
    ]);
  }

  function prescriberView(me, open) {
    clear(app);
    app.appendChild(h('h1', { text: me.structure.name }));
    if (!me.canFile) app.appendChild(h('div', { 'class': 'alert error', role: 'alert', 'data-testid': 'cannot-file' }, [h('p', { text: me.cannotFileReason })]));
    var holder = h('div');
    var actions = h('p', { 'class': 'actions' }, [
      me.canFile ? h('button', { type: 'button', 'class': 'primary', 'aria-expanded': 'false', 'aria-controls': 'filing', onclick: function (e) {
        var button = e.currentTarget;
        clear(holder);
        if (button.getAttribute('aria-expanded') === 'true') { button.setAttribute('aria-expanded', 'false'); return; }
        var filing = filingForm(function (created) {
          clear(holder);
          button.setAttribute('aria-expanded', 'false');
          say('Prescription ' + created.number + ' déposée.');
          start('Prescription ' + created.number + ' déposée : l’atelier l’étudie et vous tient informé par e-mail.', created.documentId);
        });
        filing.form.id = 'filing';
        holder.appendChild(filing.form);
        button.setAttribute('aria-expanded', 'true');
        filing.focus();
      }, text: 'Déposer une prescription' }) : null,
      h('button', { type: 'button', onclick: function () { download('/api/portail/prescriptions/blank-form', 'fiche-de-prescription-vierge.pdf'); }, text: 'Fiche vierge à imprimer (PDF)' })
    ]);
    app.appendChild(actions);
    app.appendChild(holder);
    app.appendChild(h('h2', { text: 'Vos prescriptions' }));
    var list = h('div', { 'class': 'list', 'aria-busy': 'true' }, [h('p', { text: 'Chargement…' })]);
    app.appendChild(list);
    request('GET', '/api/portail/prescriptions', null, false, function (err, data) {
      clear(list);
      list.setAttribute('aria-busy', 'false');
      if (err) return showError(err);
      if (!data.data.length) list.appendChild(h('p', { text: 'Aucune prescription pour l’instant.' }));
      for (var i = 0; i < data.data.length; i++) {
        var card = prescriptionCard(data.data[i]);
        if (open && data.data[i].documentId === open) card.setAttribute('open', '');
        list.appendChild(card);
      }
    });
  }

  function donorView(me) {
    clear(app);
    app.appendChild(h('h1', { text: me.structure.name }));
    app.appendChild(h('h2', { text: 'Vos certificats et rapports' }));
    var docs = h('div', { 'aria-busy': 'true' }, [h('p', { text: 'Chargement…' })]);
    app.appendChild(docs);
    app.appendChild(h('h2', { text: 'Vos dons et ce que sont devenues vos machines' }));
    var gifts = h('div', { 'aria-busy': 'true' }, [h('p', { text: 'Chargement…' })]);
    app.appendChild(gifts);
    request('GET', '/api/portail/documents', null, false, function (err, data) {
      clear(docs);
      docs.setAttribute('aria-busy', 'false');
      if (err) return showError(err);
      if (!data.data.length) { docs.appendChild(h('p', { text: 'Aucun document émis pour l’instant.' })); return; }
      var items = [];
      for (var i = 0; i < data.data.length; i++) {
        (function (d) {
          items.push(h('li', {}, [d.label + ' n° ' + d.number + (d.about ? ' — ' + d.about : '') + ', émis le ' + date(d.generatedAt) + ' ', h('button', { type: 'button', onclick: function () { download('/api/portail/documents/' + d.documentId + '/file', d.number + '.pdf'); }, text: 'Télécharger', 'aria-label': 'Télécharger ' + d.label + ' n° ' + d.number })]));
        })(data.data[i]);
      }
      docs.appendChild(h('ul', { 'class': 'docs' }, items));
    });
    request('GET', '/api/portail/donations', null, false, function (err, data) {
      clear(gifts);
      gifts.setAttribute('aria-busy', 'false');
      if (err) return showError(err);
      if (!data.data.length) gifts.appendChild(h('p', { text: 'Aucun don enregistré pour l’instant.' }));
      for (var i = 0; i < data.data.length; i++) {
        var d = data.data[i];
        var counts = {};
        var rows = [];
        for (var j = 0; j < d.machines.length; j++) {
          var m = d.machines[j];
          counts[m.stageLabel] = (counts[m.stageLabel] || 0) + 1;
          rows.push(h('tr', {}, [h('td', { text: m.labelCode }), h('td', { text: m.serialNumber || '—' }), h('td', { text: [m.brand, m.model].join(' ') }), h('td', { text: m.stageLabel }), h('td', { text: m.handoverCommune || '—' })]));
        }
        var summary = [];
        for (var label in counts) { if (own(counts, label)) summary.push(counts[label] + ' ' + label); }
        gifts.appendChild(h('section', { 'class': 'card' }, [
          h('h3', { text: 'Don ' + d.reference + (d.collectedAt ? ', collecté le ' + date(d.collectedAt) : '') }),
          h('p', { text: d.machines.length + ' machine(s) : ' + (summary.join(', ') || '—') }),
          h('div', { 'class': 'scroll' }, [h('table', {}, [h('caption', { 'class': 'sr-only', text: 'Machines du don ' + d.reference }), h('thead', {}, [h('tr', {}, [h('th', { scope: 'col', text: 'Étiquette' }), h('th', { scope: 'col', text: 'N° de série' }), h('th', { scope: 'col', text: 'Modèle' }), h('th', { scope: 'col', text: 'Étape' }), h('th', { scope: 'col', text: 'Remise à (commune)' })])]), h('tbody', {}, rows)])])
        ]));
      }
    });
  }

  function start(notice, open) {
    if (/\/invitation\/?$/.test(window.location.pathname)) return invitationView();
    if (/\/reinitialisation\/?$/.test(window.location.pathname)) return resetView();
    if (!token()) return loginView(notice);
    request('GET', '/api/portail/me', null, false, function (err, data) {
      if (err) { setToken(null); return loginView(err.status === 403 ? "Ce compte n'a pas accès au portail. Contactez l'atelier." : err.message); }
      var me = data.data;
      who.textContent = me.email;
      logoutButton.hidden = false;
      if (me.kind === 'prescriber') prescriberView(me, open);
      else donorView(me);
      if (notice) { app.insertBefore(h('p', { 'class': 'alert info', role: 'status', text: notice }), app.childNodes[1] || null); }
    });
  }

  logoutButton.addEventListener('click', function () {
    request('POST', '/api/auth/logout', {}, false, function () {});
    setToken(null);
    loginView('Vous êtes déconnecté.');
  });
  start();
})();

/* <http-status-card code="429" lang="en" source="open-finance-brasil"></http-status-card>
   from HTTP Status Atlas's JSON API; attributes on its Embed page. Data is set as text only. */
(() => {
"use strict";
const script = document.currentScript;
const API = new URL("../api/v1/", script ? script.src : location.href).href;
const PREFIX = {"pt-BR": "", en: "en/"}; // as generator/site.py LANG_PREFIX
// Keys and texts of templates/strings.yaml (tests/test_embed.py checks they match).
const LABELS = {
  "pt-BR": {"usage_by_source":"Como cada fonte usa","class_rule":"Regra para a classe inteira","methods":"Métodos","state_yes":"aplica-se","state_no":"não se aplica","state_conditional":"condicional","action":"O que o cliente deve fazer","no_usage":"Nenhuma das diretrizes comparadas aqui usa este código.","embed_full_page":"Página completa no Atlas de Status HTTP","embed_not_used":"{source} não usa este código.","embed_loading":"Carregando o código {code}…","embed_error_code":"O Atlas de Status HTTP não tem o código de status “{code}”.","embed_error_api":"Não foi possível acessar o Atlas de Status HTTP para carregar o código {code}. Confira o endereço da API ou tente de novo mais tarde."},
  "en": {"usage_by_source":"How each source uses it","class_rule":"Rule for the whole class","methods":"Methods","state_yes":"applies","state_no":"does not apply","state_conditional":"conditional","action":"What the client should do","no_usage":"None of the guidelines compared here uses this code.","embed_full_page":"Full entry in HTTP Status Atlas","embed_not_used":"{source} does not use this code.","embed_loading":"Loading status code {code}…","embed_error_code":"HTTP Status Atlas has no status code “{code}”.","embed_error_api":"Could not reach HTTP Status Atlas to load status code {code}. Check the api address, or try again later."},
};
const STATES = [["yes", "✓"], ["conditional", "◐"], ["no", "✗"]];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
// Colours follow the page (set --hsc-accent, --hsc-background to change them).
const CSS = `:host{display:block}:host([hidden]){display:none}
.card{border:1px solid rgba(128,128,128,.5);border-radius:10px;padding:14px 16px;background:var(--hsc-background,none);line-height:1.5;overflow-wrap:break-word}
p,ul{margin:0}.kicker,.label,.methods{font-size:.85em;opacity:.85}.kicker{text-transform:uppercase}
h2,h3,h4,h5{margin:4px 0 8px;font-size:1.3em;line-height:1.25}.code,a{color:var(--hsc-accent,inherit)}
.label{margin-top:12px;font-weight:600}ul{padding:0;list-style:none}li{padding-top:8px}
li+li{margin-top:8px;border-top:1px dashed rgba(128,128,128,.5)}
.more{margin-top:12px;padding-top:10px;border-top:1px solid rgba(128,128,128,.5)}
a:focus-visible{outline:2px solid;outline-offset:2px}.error{border:2px solid #d97706}`;

const el = (tag, attributes, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children.filter((child) => child != null));
  return node;
};
// A Response if ok; else the status a server refused with, or 0 if it cannot be reached.
const get = (url, options) => fetch(url, options).then((r) => (r.ok ? r : r.status), () => 0);
// The first sentence, as generator/render.py first_sentence shortens it.
const short = (text, limit) => {
  const sentence = (/^(.+?[.!?])(\s|$)/.exec(text) || [0, text])[1];
  return sentence.length > limit ? sentence.slice(0, limit - 1).replace(/\s+\S*$/, "") + "…" : sentence;
};

class HttpStatusCard extends HTMLElement {
  static observedAttributes = ["code", "lang", "source", "api", "heading-level"];

  connectedCallback() { this.attributeChangedCallback(); }
  attributeChangedCallback() { // one render for a burst of changes
    if (this.queued || !this.isConnected) return;
    this.queued = true;
    queueMicrotask(() => this.render());
  }

  show(node, busy) {
    this.setAttribute("aria-busy", busy);
    (this.shadowRoot || this.attachShadow({mode: "open"})).replaceChildren(el("style", {}, CSS), node);
  }

  async render() {
    this.queued = false;
    const run = this.runs = (this.runs || 0) + 1;
    const owner = this.getAttribute("lang") || (this.closest("[lang]") || document.documentElement).lang;
    const lang = /^pt/i.test(owner) || !owner ? "pt-BR" : "en";
    const t = LABELS[lang];
    const code = (this.getAttribute("code") || "").trim();
    const source = this.getAttribute("source");
    const api = new URL(this.getAttribute("api") || API, location.href);
    if (!api.pathname.endsWith("/")) api.pathname += "/";
    const say = (key, error) => el("div", {class: error ? "card error" : "card", role: "status", lang}, t[key].replace("{code}", code));
    this.show(say("embed_loading"), true);
    let doc = null;
    let problem = "embed_error_code";
    if (/^[1-5][0-9][0-9]$/.test(code)) {
      const response = await get(new URL(`codes/${code}.json`, api));
      if (response.ok) doc = await response.json().catch(() => null);
      // A missing file means an unknown code only if the API itself answers.
      const known = response === 404 && (await get(new URL("export.schema.json", api), {method: "HEAD"})).ok;
      problem = doc ? null : known ? "embed_error_code" : "embed_error_api";
    }
    if (doc && source && !doc.sources.some((s) => s.id === source)) { // for its name
      const found = await get(new URL(`sources/${encodeURIComponent(source)}.json`, api));
      const named = found.ok && (await found.json().then((d) => d.source, () => null));
      doc.sources.push(named || {id: source, short_name: source});
    }
    if (run !== this.runs) return; // a newer render took over
    this.show(problem ? say(problem, true) : this.card(doc, t, lang, source, api), false);
  }

  card(doc, t, lang, source, api) {
    const entry = doc.code;
    const names = Object.fromEntries(doc.sources.map((s) => [s.id, s.short_name]));
    const level = Math.min(5, Math.max(2, parseInt(this.getAttribute("heading-level"), 10) || 3));
    let usages = [...entry.usage.map((u) => [u, ""]), ...doc.class.usage.map((u) => [u, `${doc.class.class}xx`])];
    let note = usages.length ? null : t.no_usage;
    if (source) {
      usages = usages.filter(([u]) => u.source === source);
      note = usages.length ? null : t.embed_not_used.replace("{source}", names[source]);
    }
    const page = new URL(`../../${PREFIX[lang]}codes/${entry.code}/`, api);
    if (source && usages.length) page.hash = (usages[0][1] ? "class-" : "") + source;
    const items = usages.map(([u, rule]) => {
      const methods = STATES.map(([state, symbol]) => {
        const which = METHODS.filter((m) => u.methods[m] === state);
        return which.length ? `${symbol} ${which.join(", ")} (${t["state_" + state]})` : null;
      }).filter(Boolean);
      return el("li", {"data-source": u.source},
        el("strong", {}, names[u.source] + (rule ? ` · ${t.class_rule} ${rule}` : "")),
        el("p", {}, short(u.meaning[lang], 220)),
        methods.length ? el("p", {class: "methods"}, `${t.methods}: ${methods.join(" · ")}`) : null,
        u.action ? el("p", {}, el("strong", {}, `${t.action}: `), short(u.action[lang], 180)) : null);
    });
    return el("article", {class: "card", lang, "aria-labelledby": "title"},
      el("p", {class: "kicker"}, `${doc.class.class}xx · ${doc.class.name[lang]}`),
      el(`h${level}`, {id: "title"}, el("span", {class: "code"}, String(entry.code)), " ", entry.reason[lang]),
      el("p", {}, entry.meaning[lang]),
      el("p", {class: "label", id: "usage"}, t.usage_by_source),
      note ? el("p", {role: "status"}, note) : null,
      items.length ? el("ul", {"aria-labelledby": "usage"}, ...items) : null,
      el("p", {class: "more"}, el("a", {href: page.href}, t.embed_full_page)));
  }
}

if (!customElements.get("http-status-card")) customElements.define("http-status-card", HttpStatusCard);
})();

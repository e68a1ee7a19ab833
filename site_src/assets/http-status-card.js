/* <http-status-card code="429" lang="en" source="open-finance-brasil"></http-status-card>:
   HTTP Status Atlas's card from its JSON API (see the Embed page). Data is set as text only. */
(() => {
"use strict";
const script = document.currentScript;
// The site's root (full pages are there, wherever `api` points)
const SITE = new URL("../", script ? script.src : location.href).href;
const PREFIX = {"pt-BR": "", en: "en/"}; // site.py LANG_PREFIX
// templates/strings.yaml (test_embed.py checks)
const KEYS = ["usage_by_source","class_rule","methods","state_yes","state_no","state_conditional","action","no_usage","embed_full_page","embed_not_used","embed_unknown_source","embed_loading","embed_error_code","embed_error_api","stance_required","stance_recommended","stance_discouraged","stance_forbidden","instead"];
const LABELS = {
  "pt-BR": ["Como cada fonte usa este código","Regra para a classe inteira","Métodos","sim","não","condicional","O que o cliente deve fazer","Nenhuma das diretrizes comparadas aqui usa este código.","Página completa no Atlas de Status HTTP","{source} não usa este código.","O atlas não tem nenhuma fonte chamada “{source}”, por isso todas aparecem.","Carregando o código {code}…","O Atlas de Status HTTP não tem o código de status “{code}”.","Não foi possível acessar o Atlas de Status HTTP para carregar o código {code}. Confira o endereço da API ou tente de novo mais tarde.","Obrigatório","Recomendado","Desaconselhado","Proibido","Use no lugar"],
  "en": ["How each source uses it","Rule for the whole class","Methods","yes","no","conditional","What the client should do","None of the guidelines compared here uses this code.","Full entry in HTTP Status Atlas","{source} does not use this code.","The atlas has no source called “{source}”, so every source is shown.","Loading status code {code}…","HTTP Status Atlas has no status code “{code}”.","Could not reach HTTP Status Atlas to load status code {code}. Check the API address, or try again later.","Required","Recommended","Discouraged","Forbidden","Use instead"],
};
const STATES = ["yes", "conditional", "no"];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
// Colours follow the page, or --hsc-accent, --hsc-background
const CSS = `:host{display:block}:host([hidden]){display:none}
.card{border:1px solid #8888;border-radius:10px;padding:14px 16px;background:var(--hsc-background,none);line-height:1.5;overflow-wrap:break-word}
p,ul{margin:0}.kicker,.label,.methods{font-size:.85em;opacity:.85}.kicker{text-transform:uppercase}
#title{margin:4px 0 8px;font-size:1.3em;line-height:1.25}.code,a{color:var(--hsc-accent,inherit)}
.label{margin-top:12px;font-weight:600}.stance{font-weight:600}ul{padding:0;list-style:none}li{padding-top:8px}
li+li{margin-top:8px;border-top:1px dashed #8888}
.more{margin-top:12px;padding-top:10px;border-top:1px solid #8888}
a:focus-visible{outline:2px solid;outline-offset:2px}.error{border:2px solid #d97706}`;

const el = (tag, attributes, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children.filter((c) => c != null));
  return node;
};
// {placeholder} filled in as text (replace() would read $&)
const fill = (label, value) => label.split(/\{\w+\}/).join(value);
// A Response if ok, else its status, or 0 if unreachable
const get = (url, options) => fetch(url, options).then((r) => (r.ok ? r : r.status), () => 0);
// As render.py first_sentence
const short = (text, limit) => {
  const s = (/^(.+?[.!?])(\s|$)/.exec(text) || [0, text])[1];
  return s.length > limit ? s.slice(0, limit - 1).replace(/\s+\S*$/, "") + "…" : s;
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
    const t = Object.fromEntries(KEYS.map((key, i) => [key, LABELS[lang][i]]));
    const code = (this.getAttribute("code") || "").trim();
    const source = this.getAttribute("source");
    const api = new URL(this.getAttribute("api") || SITE + "api/v1/", location.href);
    if (!api.pathname.endsWith("/")) api.pathname += "/";
    const say = (key, error) => el("div", {class: error ? "card error" : "card", role: "status", lang}, fill(t[key], code));
    this.show(say("embed_loading"), true);
    let doc = null;
    let problem = "embed_error_code";
    if (/^[1-5]\d\d$/.test(code)) {
      const response = await get(new URL(`codes/${code}.json`, api));
      if (response.ok) doc = await response.json().catch(() => null);
      // A missing file means an unknown code only if the API itself answers.
      const known = response === 404 && (await get(new URL("export.schema.json", api), {method: "HEAD"})).ok;
      problem = doc ? null : known ? problem : "embed_error_api";
    }
    if (doc && source && !doc.sources.some((s) => s.id === source)) { // for its name
      const found = await get(new URL(`sources/${encodeURIComponent(source)}.json`, api));
      doc.sources.push((found.ok && (await found.json().then((d) => d.source, () => 0))) || {id: source, short_name: source});
      doc.unknown = found === 404;
    }
    if (run === this.runs) this.show(problem ? say(problem, true) : this.card(doc, t, lang, source), false);
  }

  card(doc, t, lang, source) {
    const {code, class: group} = doc;
    const names = Object.fromEntries(doc.sources.map((s) => [s.id, s.short_name]));
    const level = /^[2-5]$/.exec(this.getAttribute("heading-level")) || 3;
    let usages = [...code.usage.map((u) => [u, ""]), ...group.usage.map((u) => [u, `${group.class}xx`])];
    let note = usages.length ? null : t.no_usage;
    if (doc.unknown) note = fill(t.embed_unknown_source, source);
    else if (source) {
      usages = usages.filter(([u]) => u.source === source);
      note = usages.length ? null : fill(t.embed_not_used, names[source]);
    }
    const page = new URL(`${PREFIX[lang]}codes/${code.code}/`, SITE);
    if (source && !doc.unknown && usages.length) page.hash = (usages[0][1] ? "class-" : "") + source;
    const items = usages.map(([u, rule]) => {
      const methods = STATES.map((state) => {
        const which = METHODS.filter((m) => u.methods[m] === state);
        return which.length ? `${which.join(", ")} (${t["state_" + state]})` : "";
      }).filter(Boolean);
      return el("li", {"data-source": u.source},
        el("strong", {}, names[u.source] + (rule ? ` · ${t.class_rule} ${rule}` : "")),
        u.stance && u.stance !== "allowed" ? el("p", {class: "stance", "data-stance": u.stance},
          t["stance_" + u.stance] + (u.instead && u.instead.length ? ` · ${t.instead}: ${u.instead.join(", ")}` : "")) : null,
        el("p", {}, short(u.meaning[lang], 320)),
        methods.length ? el("p", {class: "methods"}, `${t.methods}: ${methods.join(" · ")}`) : null,
        u.action ? el("p", {}, el("strong", {}, `${t.action}: `), short(u.action[lang], 240)) : null);
    });
    return el("article", {class: "card", lang, "aria-labelledby": "title"},
      el("p", {class: "kicker"}, `${group.class}xx · ${group.name[lang]}`),
      el(`h${level}`, {id: "title"}, el("span", {class: "code"}, String(code.code)), " ", code.reason[lang]),
      el("p", {}, code.meaning[lang]),
      el("p", {class: "label", id: "usage"}, t.usage_by_source),
      note ? el("p", {role: "status"}, note) : null,
      items.length ? el("ul", {"aria-labelledby": "usage"}, ...items) : null,
      el("p", {class: "more"}, el("a", {href: page.href}, t.embed_full_page)));
  }
}

customElements.get("http-status-card") || customElements.define("http-status-card", HttpStatusCard);
})();

// Checks of scripts/validate-deploy.sh (no cluster needed).
//   node check-manifests.mjs manifests FILE.yaml [Kind ...]   every document validated against the Kubernetes
//       OpenAPI schema of its apiVersion/kind (kubernetes-models, ajv: types, required fields, enums) plus the
//       service's own rules; the listed kinds must all be present.
//   node check-manifests.mjs chart DIR                         static lint of a Helm chart, for machines without helm.
// Exit code 1 on any finding. Not checked: unknown fields (the schemas allow extra properties).
import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments, parse } from "yaml";

const findings = [];
const fail = (where, message) => findings.push(`${where}: ${message}`);

const [mode, target, ...rest] = process.argv.slice(2);
if (mode === "manifests") {
  await checkManifests(target, rest);
} else if (mode === "chart") {
  checkChart(target);
} else {
  console.error("usage: check-manifests.mjs manifests FILE [Kind...] | chart DIR");
  process.exit(2);
}

if (findings.length > 0) {
  for (const f of findings) console.error(`  FAIL ${f}`);
  process.exit(1);
}

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const candidates =
    group === "monitoring.coreos.com"
      ? [`@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`]
      : [`kubernetes-models/${group ? `${group}/` : ""}${version}/${kind}`];
  for (const specifier of candidates) {
    try {
      const module = await import(specifier);
      if (module[kind]) return module[kind];
    } catch {
      // not this one
    }
  }
  return null;
}

async function checkManifests(file, expectedKinds) {
  const before = findings.length;
  const text = fs.readFileSync(file, "utf8");
  const documents = parseAllDocuments(text).filter((d) => d.contents !== null);
  const objects = [];
  for (const [i, document] of documents.entries()) {
    if (document.errors.length > 0) {
      fail(`${file}#${i}`, `YAML: ${document.errors[0].message}`);
      continue;
    }
    objects.push(document.toJS());
  }
  if (objects.length === 0) fail(file, "no Kubernetes object rendered");

  for (const object of objects) {
    const where = `${file} ${object?.kind}/${object?.metadata?.name}`;
    if (!object?.apiVersion || !object?.kind || !object?.metadata?.name) {
      fail(where, "apiVersion, kind and metadata.name are required");
      continue;
    }
    const Model = await modelFor(object.apiVersion, object.kind);
    if (!Model) {
      fail(where, `no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      fail(where, `schema: ${String(error.message).split("\n").slice(0, 5).join("; ")}`);
    }
    checkServiceRules(where, object);
  }

  for (const kind of expectedKinds) {
    if (!objects.some((o) => o?.kind === kind)) fail(file, `expected a ${kind}`);
  }
  if (findings.length > before) return;
  console.log(`  ok   ${file}: ${objects.length} objects (${[...new Set(objects.map((o) => o?.kind))].join(", ")}) valid`);
}

// What the schema cannot say: the rules every RunnerTokens deployment keeps.
function checkServiceRules(where, object) {
  if (object.kind === "Secret") fail(where, "secrets are referenced (existingSecret), never rendered");
  const pod = object.kind === "Deployment" || object.kind === "Job" ? object.spec?.template?.spec : null;
  if (!pod) return;
  if (pod.securityContext?.runAsNonRoot !== true) fail(where, "pod securityContext.runAsNonRoot must be true");
  const containers = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
  for (const container of containers) {
    const at = `${where} container ${container.name}`;
    const security = container.securityContext ?? {};
    if (security.readOnlyRootFilesystem !== true) fail(at, "readOnlyRootFilesystem must be true");
    if (security.allowPrivilegeEscalation !== false) fail(at, "allowPrivilegeEscalation must be false");
    if (!container.resources?.requests || !container.resources?.limits?.memory) fail(at, "resources.requests and limits.memory are required");
    for (const env of container.env ?? []) {
      if (/ConnectionStrings__|PrivateKey$|WebhookSecret$|ChainKey$/.test(env.name) && env.value !== undefined) {
        fail(at, `${env.name} must come from a secretKeyRef, not a value`);
      }
    }
    if (!(container.volumeMounts ?? []).some((m) => m.mountPath === "/tmp")) fail(at, "a writable /tmp (emptyDir) is required with a read-only root");
  }
  if (object.kind === "Deployment") {
    const api = pod.containers?.[0];
    if (api?.livenessProbe?.httpGet?.path !== "/health/live") fail(where, "livenessProbe must GET /health/live");
    if (api?.readinessProbe?.httpGet?.path !== "/health/ready") fail(where, "readinessProbe must GET /health/ready");
  }
  if (object.kind === "Job" && !(pod.containers ?? []).some((c) => (c.args ?? []).includes("migrate"))) {
    fail(where, "the migration Job must run `migrate`");
  }
}

// Without helm: the chart's files parse, every .Values path used by a template exists in values.yaml, every
// included template is defined, and every block action is closed.
function checkChart(dir) {
  const before = findings.length;
  const chart = parse(fs.readFileSync(path.join(dir, "Chart.yaml"), "utf8"));
  if (chart?.apiVersion !== "v2") fail("Chart.yaml", "apiVersion must be v2");
  if (!chart?.name) fail("Chart.yaml", "name is required");
  if (!/^\d+\.\d+\.\d+/.test(String(chart?.version ?? ""))) fail("Chart.yaml", "version must be SemVer");
  const values = parse(fs.readFileSync(path.join(dir, "values.yaml"), "utf8")) ?? {};

  const templatesDir = path.join(dir, "templates");
  const files = fs.readdirSync(templatesDir).filter((f) => /\.(ya?ml|tpl|txt)$/.test(f));
  const defined = new Set();
  const included = [];
  let templateCount = 0;
  for (const file of files) {
    const text = fs.readFileSync(path.join(templatesDir, file), "utf8");
    const actions = [...text.matchAll(/\{\{-?([\s\S]*?)-?\}\}/g)].map((m) => m[1].trim());
    if ((text.match(/\{\{/g) ?? []).length !== actions.length) fail(file, "unbalanced {{ }}");
    let depth = 0;
    for (const action of actions) {
      if (action.startsWith("/*")) continue;
      if (/^(if|with|range|define|block)\b/.test(action)) depth++;
      if (/^end\b/.test(action)) depth--;
      if (depth < 0) fail(file, "{{ end }} without an open block");
      const definition = action.match(/^define\s+"([^"]+)"/);
      if (definition) defined.add(definition[1]);
      for (const m of action.matchAll(/\b(?:include|template)\s+"([^"]+)"/g)) included.push([file, m[1]]);
      for (const m of action.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
        const keys = m[1].slice(1).split(".");
        let node = values;
        for (const key of keys) {
          if (node === null || typeof node !== "object" || !(key in node)) {
            fail(file, `.Values.${keys.join(".")} is not in values.yaml`);
            break;
          }
          node = node[key];
        }
      }
    }
    if (depth !== 0) fail(file, `${depth} block(s) not closed with {{ end }}`);
    if (/\.ya?ml$/.test(file)) templateCount++;
  }
  for (const [file, name] of included) {
    if (!defined.has(name)) fail(file, `includes "${name}", which no template defines`);
  }
  if (findings.length > before) return;
  console.log(`  ok   ${dir}: Chart.yaml, values.yaml, ${templateCount} templates, ${defined.size} named templates (static lint)`);
}

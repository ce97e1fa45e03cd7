#!/usr/bin/env bash
# Validates deploy/ without a cluster: renders the Helm chart (helm template) and the kustomizations
# (kubectl kustomize) and checks every rendered object against the Kubernetes OpenAPI schema of its kind
# (kubernetes-models from npm, ajv) plus the service's own rules (non-root, read-only root, probes on
# /health/live and /health/ready, secrets only by reference): scripts/validate-deploy/check-manifests.mjs.
# Installs what it needs from the package registries: kubectl from Debian's kubernetes-client package
# (unpacked into a cache, not installed), the npm packages pinned in scripts/validate-deploy/package.json.
# helm is used when it is on PATH; it is not packaged in Debian 12, npm or NuGet, so without it the chart
# gets a static lint instead (see the SKIP line). Exits non-zero on any failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="${RUNNERTOKENS_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/runnertokens/deploy-tools}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
skipped=()

step() { printf '\n== %s\n' "$*"; }
failed() { printf '  FAIL %s\n' "$*"; failures=$((failures + 1)); }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

apt_lists_ready=false
apt_update_once() {
  if ! $apt_lists_ready; then
    as_root apt-get update -qq >/dev/null
    apt_lists_ready=true
  fi
}

# --- tools -----------------------------------------------------------------------------------------------
step "tools"
mkdir -p "$tools"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "  node/npm missing: installing Debian's nodejs and npm"
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi

npm_dir="$tools/npm"
mkdir -p "$npm_dir"
if ! cmp -s "$root/scripts/validate-deploy/package.json" "$npm_dir/package.json" || [ ! -d "$npm_dir/node_modules/kubernetes-models" ]; then
  cp "$root/scripts/validate-deploy/package.json" "$npm_dir/package.json"
  (cd "$npm_dir" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
# ES modules resolve packages next to the script: run the checker from the tools folder.
cp "$root/scripts/validate-deploy/check-manifests.mjs" "$npm_dir/check-manifests.mjs"
check() { node "$npm_dir/check-manifests.mjs" "$@"; }
echo "  node $(node --version), kubernetes-models $(node -p "require('$npm_dir/node_modules/kubernetes-models/package.json').version")"

# kubectl from Debian (kubernetes-client), unpacked into the cache so it never replaces an installed kubectl.
debian_kubectl="$tools/kubernetes-client/usr/bin/kubectl"
if [ ! -x "$debian_kubectl" ]; then
  if ! apt-cache show kubernetes-client >/dev/null 2>&1; then apt_update_once; fi
  (cd "$work" && apt-get download -qq kubernetes-client >/dev/null 2>&1 || { apt_update_once; apt-get download -qq kubernetes-client >/dev/null; })
  dpkg-deb -x "$work"/kubernetes-client_*.deb "$tools/kubernetes-client"
fi
kubectls=("$debian_kubectl")
echo "  kubectl (Debian kubernetes-client): $("$debian_kubectl" version --client --short 2>/dev/null || "$debian_kubectl" version --client 2>/dev/null | head -1)"
# A newer kubectl on PATH (kustomize v5) renders the same files too.
if system_kubectl="$(command -v kubectl)" && [ "$(readlink -f "$system_kubectl")" != "$(readlink -f "$debian_kubectl")" ] \
   && "$system_kubectl" kustomize --help >/dev/null 2>&1; then
  kubectls+=("$system_kubectl")
  echo "  kubectl (PATH): $("$system_kubectl" version --client 2>/dev/null | head -1)"
fi

# The checks must be able to fail: a wrong type, a probe on the wrong path and a secret value are refused.
cat >"$work/broken.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: broken}
spec:
  selector: {matchLabels: {app: broken}}
  template:
    metadata: {labels: {app: broken}}
    spec:
      securityContext: {runAsNonRoot: true}
      containers:
        - name: api
          image: runnertokens
          ports: [{containerPort: "8080"}]
          env: [{name: ConnectionStrings__RunnerTokens, value: "Host=db;Password=secret"}]
          livenessProbe: {httpGet: {path: /health/live, port: 8080}}
          readinessProbe: {httpGet: {path: /healthz, port: 8080}}
YAML
if check manifests "$work/broken.yaml" >"$work/broken.out" 2>&1; then
  failed "the manifest check accepted a broken Deployment"
elif ! grep -q "containerPort must be integer" "$work/broken.out" || ! grep -q "readinessProbe must GET" "$work/broken.out" \
     || ! grep -q "must come from a secretKeyRef" "$work/broken.out"; then
  cat "$work/broken.out"; failed "the manifest check missed a planted defect"
else
  echo "  ok   self-check: a broken Deployment is refused"
fi

# --- kustomize -------------------------------------------------------------------------------------------
step "kustomize"
for i in "${!kubectls[@]}"; do
  kubectl="${kubectls[$i]}"
  for dir in base overlays/example; do
    out="$work/kustomize-$(echo "$dir" | tr / -)-kubectl$i.yaml"
    if "$kubectl" kustomize "$root/deploy/kustomize/$dir" >"$out" 2>"$out.err"; then
      grep -v '^# Warning: .* is deprecated' "$out.err" >&2 || true
      expected=(Deployment Service ConfigMap ServiceAccount PodDisruptionBudget)
      [ "$dir" = overlays/example ] && expected+=(Namespace Ingress ServiceMonitor)
      check manifests "$out" "${expected[@]}" || failed "deploy/kustomize/$dir ($kubectl)"
    else
      cat "$out.err" >&2
      failed "kubectl kustomize deploy/kustomize/$dir ($kubectl)"
    fi
  done
done

# --- helm ------------------------------------------------------------------------------------------------
step "helm"
chart="$root/deploy/helm/runnertokens"
check chart "$chart" || failed "static lint of $chart"
if command -v helm >/dev/null; then
  helm lint "$chart" --set secrets.database.existingSecret=db >/dev/null || failed "helm lint"
  render() { # name, then --set pairs
    local name="$1"; shift
    if helm template rt "$chart" "$@" >"$work/helm-$name.yaml"; then
      check manifests "$work/helm-$name.yaml" Deployment Service ConfigMap PodDisruptionBudget Job || failed "helm template ($name)"
    else
      failed "helm template ($name)"
    fi
  }
  render defaults --set secrets.database.existingSecret=db
  render everything --set secrets.database.existingSecret=db --set secrets.githubAppPrivateKey.existingSecret=gh \
    --set secrets.webhookSecret.existingSecret=wh --set secrets.auditChainKey.existingSecret=audit \
    --set ingress.enabled=true --set serviceMonitor.enabled=true --set tls.enabled=true --set tls.existingSecret=tls
  if helm template rt "$chart" >/dev/null 2>&1; then failed "helm template without a database secret must fail"; fi
else
  skipped+=("helm template/lint: no helm binary. helm is not packaged in Debian 12 (apt-cache policy helm: none), npm and NuGet carry only plugins that call a helm binary, and building helm.sh/helm/v3 needs a Go toolchain newer than Debian's golang 1.19. The chart got the static lint above (values paths, named templates, blocks); put helm on PATH for a full render and schema check.")
fi

# --- summary ---------------------------------------------------------------------------------------------
step "summary"
for s in "${skipped[@]}"; do printf '  SKIP %s\n' "$s"; done
printf '  not checked: fields unknown to the schema (the Kubernetes schemas allow extra properties; kubeconform -strict is not obtainable here)\n'
if [ "$failures" -gt 0 ]; then
  echo "validate-deploy: $failures failure(s)"
  exit 1
fi
echo "validate-deploy: ok"

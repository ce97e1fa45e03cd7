{{/* Chart name, truncated to the 63 characters a label allows. */}}
{{- define "runnertokens.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name of every object. */}}
{{- define "runnertokens.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "runnertokens.selectorLabels" -}}
app.kubernetes.io/name: {{ include "runnertokens.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "runnertokens.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "runnertokens.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "runnertokens.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "runnertokens.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "runnertokens.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Fails the rendering when a required secret reference is missing. */}}
{{- define "runnertokens.validate" -}}
{{- if and (ne (toString .Values.config.Database__Provider) "Sqlite") (not .Values.secrets.database.existingSecret) }}
{{- fail "secrets.database.existingSecret is required: the Secret holding ConnectionStrings__RunnerTokens (or set config.Database__Provider=Sqlite for a single-replica demo)" }}
{{- end }}
{{- if and .Values.tls.enabled (not .Values.tls.existingSecret) }}
{{- fail "tls.existingSecret is required when tls.enabled (a kubernetes.io/tls Secret with tls.crt and tls.key)" }}
{{- end }}
{{- end }}

{{/* Environment variables read from the referenced Secrets (never values of the chart). */}}
{{- define "runnertokens.secretEnv" -}}
{{- $refs := list
  (list "ConnectionStrings__RunnerTokens" .Values.secrets.database)
  (list "GitHub__PrivateKey" .Values.secrets.githubAppPrivateKey)
  (list "GitHub__WebhookSecret" .Values.secrets.webhookSecret)
  (list "Audit__ChainKey" .Values.secrets.auditChainKey) }}
{{- range $refs }}
{{- $ref := index . 1 }}
{{- if $ref.existingSecret }}
- name: {{ index . 0 }}
  valueFrom:
    secretKeyRef:
      name: {{ $ref.existingSecret }}
      key: {{ $ref.key }}
{{- end }}
{{- end }}
{{- end }}

{{/* Listening: plain HTTP on 8080, or HTTPS on 8443 from the mounted certificate. */}}
{{- define "runnertokens.listenEnv" -}}
{{- if .Values.tls.enabled }}
- name: ASPNETCORE_URLS
  value: "https://+:8443"
- name: Tls__CertificatePath
  value: /etc/runnertokens/tls/tls.crt
- name: Tls__KeyPath
  value: /etc/runnertokens/tls/tls.key
{{- else }}
- name: ASPNETCORE_HTTP_PORTS
  value: "8080"
{{- end }}
{{- end }}

{{- define "runnertokens.scheme" -}}
{{- if .Values.tls.enabled }}HTTPS{{ else }}HTTP{{ end }}
{{- end }}

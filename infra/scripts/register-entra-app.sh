#!/usr/bin/env bash
# Creates or updates Spotter's Entra app registration with the az CLI, and optionally stores a new
# bot client secret in Key Vault. Safe to run again: it finds the registration by display name and
# applies infra/entra/app-registration.json to it each time.
#
# One registration serves both the bot (BOT_ID) and the tab's single sign-on (AAD_APP_CLIENT_ID):
#   - sign-in audience AzureADMultipleOrgs, so users of every tenant that installs Spotter get a
#     token for it;
#   - the scope access_as_user on api://<host>/<client id>, v2 access tokens only
#     (api.requestedAccessTokenVersion 2; the server validates v2 tokens and nothing else);
#   - the Teams, Outlook and Microsoft 365 clients pre-authorized for that scope;
#   - the app role Spotter.Admin;
#   - with --vault, a client secret for the bot, written straight into Key Vault as bot-password
#     (the secret never reaches the terminal or a parameters file).
#
# Usage:
#   infra/scripts/register-entra-app.sh --host <host> [--name <display name>]
#                                        [--vault <key vault name>] [--secret-years <n>]
#
# Run it before the Bicep deployment without --vault (Bicep needs the client id), and after it
# with --vault (the vault exists then). docs/DEPLOY.md shows both calls in order. Requires az
# (logged in to the tenant that should own the registration) and jq 1.6 or newer.
set -euo pipefail

die() {
  printf 'register-entra-app: %s\n' "$1" >&2
  exit 1
}

usage() {
  sed -n '16,18p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

host=''
name='Spotter'
vault=''
secret_years=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --host) host="${2:-}"; shift 2 ;;
    --name) name="${2:-}"; shift 2 ;;
    --vault) vault="${2:-}"; shift 2 ;;
    --secret-years) secret_years="${2:-}"; shift 2 ;;
    -h | --help) usage ;;
    *) die "unknown argument: $1" ;;
  esac
done

[[ -n "$host" ]] || usage
[[ "$host" =~ ^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$ ]] ||
  die "--host takes a bare host name such as spotter-prod.azurewebsites.net (no https://, no path)"
[[ -n "$name" ]] || die "--name must not be empty"
[[ "$secret_years" =~ ^[1-2]$ ]] || die "--secret-years must be 1 or 2"

for tool in az jq; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is required"
done
az account show --output none 2>/dev/null || die "sign in first: az login --tenant <tenant id>"

manifest="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/entra/app-registration.json"
[[ -f "$manifest" ]] || die "missing $manifest"

tenant_id="$(az account show --query tenantId --output tsv)"

# 1. Find the registration by its exact display name, or create it.
escaped_name="${name//\'/\'\'}"
matches="$(az ad app list --filter "displayName eq '${escaped_name}'" \
  --query '[].{appId: appId, id: id}' --output json)"
case "$(jq 'length' <<<"$matches")" in
  0)
    printf 'Creating the app registration "%s"...\n' "$name"
    matches="[$(az ad app create --display-name "$name" --sign-in-audience AzureADMultipleOrgs \
      --query '{appId: appId, id: id}' --output json)]"
    ;;
  1) printf 'Updating the app registration "%s"...\n' "$name" ;;
  *) die "several app registrations are called \"$name\"; pass --name with a unique name" ;;
esac
app_id="$(jq -r '.[0].appId' <<<"$matches")"
object_id="$(jq -r '.[0].id' <<<"$matches")"

# 2. A service principal in the home tenant: the single-tenant bot signs in through it, and admins
#    assign the Spotter.Admin role on it (Enterprise applications).
if ! az ad sp show --id "$app_id" --output none 2>/dev/null; then
  az ad sp create --id "$app_id" --output none
fi

# 3. Fill the shared manifest (the Agents Toolkit applies the same file with aadApp/update).
body="$(jq --arg objectId "$object_id" --arg appId "$app_id" --arg host "$host" --arg name "$name" '
  walk(if type == "string" then
         gsub("\\$\\{\\{AAD_APP_OBJECT_ID\\}\\}"; $objectId)
         | gsub("\\$\\{\\{AAD_APP_CLIENT_ID\\}\\}"; $appId)
         | gsub("\\$\\{\\{PUBLIC_HOST\\}\\}"; $host)
         | gsub("\\$\\{\\{APP_DISPLAY_NAME\\}\\}"; $name)
       else . end)
  | del(.id, .appId)' "$manifest")"
if jq -e '[.. | strings | select(contains("${{"))] | length > 0' <<<"$body" >/dev/null; then
  die "the manifest names a placeholder this script does not fill"
fi

# 4. Apply it through Microsoft Graph in two steps: a scope must exist before clients can be
#    pre-authorized for it.
graph_url="https://graph.microsoft.com/v1.0/applications/${object_id}"
az rest --method PATCH --url "$graph_url" --headers 'Content-Type=application/json' \
  --body "$(jq '.api.preAuthorizedApplications = []' <<<"$body")" --output none
az rest --method PATCH --url "$graph_url" --headers 'Content-Type=application/json' \
  --body "$body" --output none

# 5. Optionally a new client secret for the bot, straight into Key Vault. --append keeps older
#    secrets valid until you remove them, so running instances keep working during a rotation.
if [[ -n "$vault" ]]; then
  secret_file="$(mktemp)"
  trap 'rm -f "$secret_file"' EXIT
  chmod 600 "$secret_file"
  az ad app credential reset --id "$app_id" --append --years "$secret_years" \
    --display-name "bot $(date -u +%Y-%m-%d)" --query password --output tsv |
    tr -d '\r\n' >"$secret_file"
  [[ -s "$secret_file" ]] || die "Entra returned no client secret"
  az keyvault secret set --vault-name "$vault" --name bot-password --file "$secret_file" \
    --encoding utf-8 --content-type 'Bot Framework client secret' --output none
  printf 'Stored a new bot client secret in Key Vault %s as bot-password.\n' "$vault"
  printf 'Restart the web app so it reads it; remove older secrets with az ad app credential delete.\n'
fi

cat <<EOF

Entra app registration ready. Settings for the next steps:
  BOT_ID=${app_id}
  AAD_APP_CLIENT_ID=${app_id}
  BOT_TENANT_ID=${tenant_id}
  AAD_APP_ID_URI=api://${host}/${app_id}
EOF

#!/usr/bin/env bash
# Least-privilege runtime identities for a deployed Kassa: one service account per function
# group (webhooks, payouts, accounting, callables) holding only the roles listed for it in
# functions/src/config/service-accounts.json, the same table the functions read their
# `serviceAccount` from. Secrets are created replicated in the EU only.
#
# Idempotent: every step checks or adds a binding, so run it before the first
# `firebase deploy` (the deploy refuses accounts that do not exist) and again after it (the
# Eventarc invoker grants need the functions' Cloud Run services to exist).
#
#   PROJECT_ID=my-project scripts/deploy/iam.sh        (or: scripts/deploy/iam.sh my-project)
#   REGION (default europe-west1, as functions/src/config/params.ts), BUCKET (default
#   <project>.firebasestorage.app: where exports are written) may be set too.
set -euo pipefail

PROJECT_ID="${1:-${PROJECT_ID:-}}"
if [[ -z "$PROJECT_ID" ]]; then
  echo "usage: PROJECT_ID=<project> $0   (or $0 <project>)" >&2
  exit 2
fi
REGION="${REGION:-europe-west1}"
BUCKET="${BUCKET:-${PROJECT_ID}.firebasestorage.app}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TABLE="${HERE}/../../functions/src/config/service-accounts.json"

# The table as one action per line (tab-separated), so the loop below stays plain bash.
plan() {
  node -e '
    const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const out = [];
    const secrets = new Set();
    for (const g of Object.values(t.groups)) {
      out.push(["account", g.accountId, g.displayName]);
      for (const r of g.projectRoles) out.push(["project", g.accountId, r]);
      for (const r of g.selfRoles) out.push(["self", g.accountId, r]);
      for (const r of g.bucketRoles) out.push(["bucket", g.accountId, r]);
      for (const s of g.secretsRead) { secrets.add(s); out.push(["secret-read", g.accountId, s]); }
      for (const s of g.secretsRotated) { secrets.add(s); out.push(["secret-rotate", g.accountId, s]); }
      for (const f of g.eventTriggered) out.push(["invoke", g.accountId, f]);
    }
    const head = [["locations", t.secretLocations.join(","), ""], ...[...secrets].map((s) => ["secret", s, ""])];
    for (const row of [...head, ...out]) console.log(row.join("\t"));
  ' "$TABLE"
}

email() { echo "$1@${PROJECT_ID}.iam.gserviceaccount.com"; }
quiet() { "$@" >/dev/null; }

LOCATIONS=""
NOT_EU=()
LATER=()
while IFS=$'\t' read -r kind subject detail; do
  case "$kind" in
    locations) LOCATIONS="$subject" ;;
    secret)
      if gcloud secrets describe "$subject" --project="$PROJECT_ID" >/dev/null 2>&1; then
        # Replication cannot be changed after creation: an automatic (global) secret has to be
        # recreated by hand, so say so instead of going on as if it were in the EU.
        replicas="$(gcloud secrets describe "$subject" --project="$PROJECT_ID" --format='value(replication.userManaged.replicas)')"
        [[ -n "$replicas" ]] || NOT_EU+=("$subject")
      else
        quiet gcloud secrets create "$subject" --project="$PROJECT_ID" \
          --replication-policy=user-managed --locations="$LOCATIONS"
      fi
      ;;
    account)
      gcloud iam service-accounts describe "$(email "$subject")" --project="$PROJECT_ID" >/dev/null 2>&1 ||
        quiet gcloud iam service-accounts create "$subject" --project="$PROJECT_ID" --display-name="$detail"
      ;;
    project)
      quiet gcloud projects add-iam-policy-binding "$PROJECT_ID" --member="serviceAccount:$(email "$subject")" \
        --role="$detail" --condition=None --quiet
      ;;
    self)
      # On the account itself only: actAs for the OIDC token on the tasks it enqueues, token
      # creator for signing export URLs. Never on another account.
      quiet gcloud iam service-accounts add-iam-policy-binding "$(email "$subject")" --project="$PROJECT_ID" \
        --member="serviceAccount:$(email "$subject")" --role="$detail"
      ;;
    bucket)
      quiet gcloud storage buckets add-iam-policy-binding "gs://${BUCKET}" --project="$PROJECT_ID" \
        --member="serviceAccount:$(email "$subject")" --role="$detail"
      ;;
    secret-read)
      quiet gcloud secrets add-iam-policy-binding "$detail" --project="$PROJECT_ID" \
        --member="serviceAccount:$(email "$subject")" --role=roles/secretmanager.secretAccessor
      ;;
    secret-rotate)
      # Add a version and destroy the older ones (secret-manager-store.ts), on this secret only.
      quiet gcloud secrets add-iam-policy-binding "$detail" --project="$PROJECT_ID" \
        --member="serviceAccount:$(email "$subject")" --role=roles/secretmanager.secretVersionManager
      ;;
    invoke)
      # Eventarc delivers a Firestore event with the function's own account, which must be
      # allowed to invoke that one Cloud Run service (named after the function, lower case).
      service="$(echo "$detail" | tr '[:upper:]' '[:lower:]')"
      if gcloud run services describe "$service" --project="$PROJECT_ID" --region="$REGION" >/dev/null 2>&1; then
        quiet gcloud run services add-iam-policy-binding "$service" --project="$PROJECT_ID" --region="$REGION" \
          --member="serviceAccount:$(email "$subject")" --role=roles/run.invoker
      else
        LATER+=("$detail")
      fi
      ;;
    *) echo "iam.sh: unknown step '$kind'" >&2; exit 1 ;;
  esac
done < <(plan)

if ((${#LATER[@]})); then
  echo "Not deployed yet, so no invoker grant: ${LATER[*]}. Run this script again after firebase deploy."
fi
if ((${#NOT_EU[@]})); then
  echo "Replicated automatically (outside the EU): ${NOT_EU[*]}. Replication cannot be changed:" >&2
  echo "delete and recreate each with --replication-policy=user-managed --locations=${LOCATIONS}, then set it again." >&2
  exit 1
fi
echo "Service accounts and roles for ${PROJECT_ID} are in place."

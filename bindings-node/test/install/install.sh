#!/bin/sh
# `make dist`'s smoke install: a fresh npm project in a temporary directory
# installs the packed main package and this platform's package (local
# tarballs, as `npm install helpdesk` would fetch them), then runs a
# CommonJS script, the quickstart as ESM (`import … from 'helpdesk'`) and
# the TypeScript quickstart compiled by `tsc --strict` against the
# installed package's types. Any failure fails `make dist`.
#
#   test/install/install.sh DIST_DIR PLATFORM   (e.g. dist linux-x64-gnu)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
package=$(cd "$here/../.." && pwd)
dist=$(cd "$1" && pwd)
platform=$2
version=$(node -p "require('$package/package.json').version")
project=$(mktemp -d "${TMPDIR:-/tmp}/helpdesk-install.XXXXXX")
trap 'rm -rf "$project"' EXIT

cd "$project"
npm init -y > /dev/null
npm pkg set type=module > /dev/null
npm install --no-audit --no-fund --loglevel=error \
  "$dist/helpdesk-$version.tgz" "$dist/helpdesk-$platform-$version.tgz"
test ! -e node_modules/helpdesk/test
test -z "$(find node_modules/helpdesk -name '*.node')"

cp "$here/smoke.cjs" smoke.cjs
node smoke.cjs

sed "s#'../bindings-node/helpdesk.js'#'helpdesk'#" "$package/../examples/quickstart.mjs" > quickstart.mjs
grep -q "from 'helpdesk'" quickstart.mjs
node quickstart.mjs > quickstart-mjs.log
echo "import 'helpdesk' (ESM): the quickstart ran ($(wc -l < quickstart-mjs.log) lines)"

sed "s#'../bindings-node/helpdesk.js'#'helpdesk'#" "$package/../examples/quickstart.ts" > quickstart.ts
grep -q "from 'helpdesk'" quickstart.ts
"$package/node_modules/.bin/tsc" --strict --target es2022 --lib es2022,esnext.disposable \
  --module node16 --moduleResolution node16 --types node \
  --typeRoots "$package/node_modules/@types" --outDir out quickstart.ts
node out/quickstart.js > quickstart-ts.log
echo "TypeScript (tsc --strict): the quickstart compiled and ran ($(wc -l < quickstart-ts.log) lines)"

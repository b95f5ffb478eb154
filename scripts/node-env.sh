# Sourced by the scripts that run Node.js: puts the Node.js that install-prerequisites.sh fetched from the npm
# registry (when the machine's own is older than the web build needs) first on PATH, and says what "recent" is.
NODE_MINIMUM="20.19.0"
NODE_FROM_REGISTRY="22"
NPM_FROM_REGISTRY="11"
NODE_HOME="${AUDIOPLATFORM_NODE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/audioplatform/node}"
if [ -x "$NODE_HOME/node_modules/.bin/node" ]; then
  case ":$PATH:" in *":$NODE_HOME/node_modules/.bin:"*) ;; *) export PATH="$NODE_HOME/node_modules/.bin:$PATH" ;; esac
fi

# True when `node` answers a version at or above NODE_MINIMUM.
node_is_recent() {
  local version
  version="$(node --version 2>/dev/null)" || return 1
  [ "$(printf '%s\n%s\n' "$NODE_MINIMUM" "${version#v}" | sort -V | head -1)" = "$NODE_MINIMUM" ]
}

# Stops a script that needs Node.js with what to do, instead of a cryptic failure inside the build.
require_recent_node() {
  node_is_recent && command -v npm >/dev/null && return 0
  echo "Node.js ${NODE_MINIMUM} or newer and npm are needed (found: $(node --version 2>/dev/null || echo 'no node')); scripts/install-prerequisites.sh run installs them." >&2
  exit 1
}

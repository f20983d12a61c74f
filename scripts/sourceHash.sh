# shellcheck shell=bash
# source_hash PATHSPEC...: one hash of the contents and names of the files under the pathspecs
# (tracked, plus untracked files git does not ignore), as they are in the working tree now.
# Content, not mtimes: a fresh clone, a checkout or a touch with no edit changes nothing.
# Outside a git checkout (an unpacked archive) there is nothing to list: a fresh value every time,
# so every build runs.
source_hash() {
  local file present=() deleted=()
  if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "no-git-$RANDOM$RANDOM-$(date +%s%N)"
    return
  fi
  while IFS= read -r file; do
    # A tracked file deleted from the working tree is a change: it is named, with no content.
    if [[ -f "$file" ]]; then present+=("$file"); elif [[ -n "$file" ]]; then deleted+=("$file"); fi
  done < <(git ls-files --cached --others --exclude-standard -- "$@" | LC_ALL=C sort -u)
  {
    if ((${#present[@]})); then
      paste -d ' ' <(printf '%s\n' "${present[@]}" | git hash-object --stdin-paths) \
        <(printf '%s\n' "${present[@]}")
    fi
    if ((${#deleted[@]})); then printf 'deleted %s\n' "${deleted[@]}"; fi
  } | git hash-object --stdin
}

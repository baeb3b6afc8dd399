# Helpers shared by Hearth's benchmark scripts; source it after setting $base.

# The cookies a response set, name=value, one a line.
set_cookies() { grep -i '^set-cookie:' "$1" | sed -E 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r'; }

# The first antiforgery token on a page: antiforgery_token <path> [cookie header].
antiforgery_token() {
  curl -s -H 'X-Forwarded-Proto: https' ${2:+-H "Cookie: $2"} "$base$1" | grep -oE 'name="__antiforgery" type="hidden" value="[^"]+"' | head -n 1 | sed -E 's/.*value="([^"]+)"/\1/'
}

# Signs a demo person in (as behind TLS, so Hearth's secure cookies count) and prints their cookie header.
sign_in() {
  local headers token cookies
  headers=$(mktemp)
  token=$(curl -s -D "$headers" -H 'X-Forwarded-Proto: https' "$base/account/sign-in" | grep -oE 'name="__antiforgery" type="hidden" value="[^"]+"' | head -n 1 | sed -E 's/.*value="([^"]+)"/\1/')
  cookies=$(set_cookies "$headers" | paste -sd ';' | sed 's/;/; /g')
  curl -s -o /dev/null -D "$headers" -H 'X-Forwarded-Proto: https' -H "Cookie: $cookies" --data-urlencode "Input.Email=$1@demo.hearth.invalid" \
    --data-urlencode "Input.Password=hearth demo sign-in" --data-urlencode "__antiforgery=$token" "$base/account/sign-in"
  cookies="$cookies; $(set_cookies "$headers" | paste -sd ';' | sed 's/;/; /g')"
  rm -f "$headers"
  echo "$cookies"
}

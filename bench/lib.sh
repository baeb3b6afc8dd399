# Helpers shared by Hearth's benchmark scripts. Source it, then call bench_setup.

# Publishes Hearth (Release) to $work/app and sets $app to its dll (HEARTH_BENCH_APP names an already built dll
# instead: the smoke run in ./test.sh uses the Debug build), picks a free loopback port from $1 on, sets $base, and
# exports what the app reads: Production, SQLite in $work, the benchmark baseline on, and no per-address limits (the
# load comes from one address; the limiter would measure itself, not the pages).
bench_setup() {
  if [ -n "${HEARTH_BENCH_APP:-}" ]; then
    app=$HEARTH_BENCH_APP
  else
    echo "Publishing Hearth (Release, ready to run, as docs/operations.md says)..." >&2
    dotnet publish src/Hearth.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/app" -nologo -v quiet >&2
    app="$work/app/Hearth.Web.dll"
  fi
  port=$(for p in $(seq "$1" $(( $1 + 100 ))); do (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; break; }; done)
  base="http://127.0.0.1:$port"
  export ASPNETCORE_ENVIRONMENT=Production
  export ASPNETCORE_URLS="$base"
  export ConnectionStrings__Hearth="Data Source=$work/hearth.db"
  export Hearth__Benchmark=true
  export Hearth__Mail__BaseUrl="$base"
  export Hearth__Mail__PickupFolder="$work/mail"
  export Hearth__RateLimit__PermitsPerSecond=1000000
  export Hearth__RateLimit__Burst=1000000
  export Hearth__Accounts__AttemptsPerMinute=1000000
  export Logging__LogLevel__Default=Warning
}

# The cookies a response set, name=value, one a line.
set_cookies() { grep -i '^set-cookie:' "$1" | sed -E 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r'; }

# The first antiforgery token on a page: antiforgery_token <path> [cookie header].
antiforgery_token() {
  curl -s -H 'X-Forwarded-Proto: https' ${2:+-H "Cookie: $2"} "$base$1" | grep -oE 'name="__antiforgery" type="hidden" value="[^"]+"' | head -n 1 | sed -E 's/.*value="([^"]+)"/\1/'
}

# Signs a person in (as behind TLS, so Hearth's secure cookies count) and prints their cookie header: sign_in robin
# for a demo person, or sign_in <email> <password>.
sign_in() {
  local headers token cookies email=$1 password=${2:-hearth demo sign-in}
  [[ $email == *@* ]] || email="$email@demo.hearth.invalid"
  headers=$(mktemp)
  token=$(curl -s -D "$headers" -H 'X-Forwarded-Proto: https' "$base/account/sign-in" | grep -oE 'name="__antiforgery" type="hidden" value="[^"]+"' | head -n 1 | sed -E 's/.*value="([^"]+)"/\1/')
  cookies=$(set_cookies "$headers" | paste -sd ';' | sed 's/;/; /g')
  curl -s -o /dev/null -D "$headers" -H 'X-Forwarded-Proto: https' -H "Cookie: $cookies" --data-urlencode "Input.Email=$email" \
    --data-urlencode "Input.Password=$password" --data-urlencode "__antiforgery=$token" "$base/account/sign-in"
  cookies="$cookies; $(set_cookies "$headers" | paste -sd ';' | sed 's/;/; /g')"
  rm -f "$headers"
  echo "$cookies"
}

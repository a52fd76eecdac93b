# Sourced by .ci/run. The metrics tests run Debian's Prometheus for real: promtool checks and tests
# deploy/prometheus/oncepay-rules.yml, and DashboardQueriesIT starts its own prometheus process
# (on a free port, data in a temporary directory) to scrape the service and run the dashboard's
# queries. Installed only when missing. The package's own service is not started in a container
# without an init system (policy-rc.d denies it); should one have been started, it is stopped:
# the tests start their own.
if ! command -v promtool >/dev/null || ! command -v prometheus >/dev/null; then
  echo "installing prometheus (promtool)"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends prometheus
  if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
    systemctl stop prometheus
    systemctl disable prometheus
  elif [ -x /etc/init.d/prometheus ] && /etc/init.d/prometheus status >/dev/null 2>&1; then
    /etc/init.d/prometheus stop
  fi
fi

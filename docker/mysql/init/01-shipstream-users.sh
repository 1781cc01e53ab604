#!/usr/bin/env bash
# Creates the service's two database users. The mysql image runs this once, on the first start with
# an empty data volume, after any 00-*.sql / 00-*.sql.gz placed here (e.g. 00-store.sql.gz, a dump
# of the store: this compose MySQL holds no Magento schema otherwise; the service needs one).
# Make such a dump with mysqldump --set-gtid-purged=OFF: this server runs with GTIDs on.
# Later password changes: ALTER USER by hand (this script does not run again).
#
# The image sources *.sh files that are not executable (its helper docker_process_sql is then
# available) and executes those that are; both work.
#
# Environment (from docker-compose.yml): MYSQL_ROOT_PASSWORD, MYSQL_DATABASE,
# SHIPSTREAM_DB_USER / SHIPSTREAM_DB_PASSWORD, SHIPSTREAM_CDC_USER / SHIPSTREAM_CDC_PASSWORD.

shipstream_init_users() {
  local db=${MYSQL_DATABASE:-magento}
  local app_user=${SHIPSTREAM_DB_USER:-shipstream} app_password=${SHIPSTREAM_DB_PASSWORD:-}
  local cdc_user=${SHIPSTREAM_CDC_USER:-shipstream_cdc} cdc_password=${SHIPSTREAM_CDC_PASSWORD:-}
  local name
  for name in "$db" "$app_user" "$cdc_user"; do
    if [[ ! $name =~ ^[A-Za-z0-9_]+$ ]]; then
      echo "01-shipstream-users.sh: '$name' is not a plain name (letters, digits, _)" >&2
      return 1
    fi
  done
  if [[ -z $app_password || -z $cdc_password ]]; then
    echo "01-shipstream-users.sh: SHIPSTREAM_DB_PASSWORD and SHIPSTREAM_CDC_PASSWORD must be set" >&2
    return 1
  fi

  # Passwords go into SQL string literals: escape backslashes and quotes.
  local app_pw cdc_pw
  app_pw=$(shipstream_sql_string "$app_password")
  cdc_pw=$(shipstream_sql_string "$cdc_password")

  local sql="
-- The application: Magento's tables (read, write) and its own tables, which Flyway creates and
-- alters in the same database (shipstream_schema_history, shipstream_stock_adjustment, ...).
CREATE USER IF NOT EXISTS '${app_user}'@'%' IDENTIFIED BY '${app_pw}';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, REFERENCES ON \`${db}\`.* TO '${app_user}'@'%';

-- Change data capture (Debezium): reads the binlog and the table definitions. mysql_native_password
-- because the route connects with SSL disabled (see --mysql-native-password in docker-compose.yml).
CREATE USER IF NOT EXISTS '${cdc_user}'@'%' IDENTIFIED WITH mysql_native_password BY '${cdc_pw}';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '${cdc_user}'@'%';
"
  if declare -F docker_process_sql >/dev/null; then
    # sourced by the image's entrypoint: its helper logs in as root on the temporary server's socket
    docker_process_sql --database=mysql <<<"$sql" || return 1
  else
    MYSQL_PWD=$MYSQL_ROOT_PASSWORD mysql --protocol=socket -uroot --database=mysql <<<"$sql" || return 1
  fi
  echo "01-shipstream-users.sh: created users '${app_user}' (database ${db}) and '${cdc_user}' (capture)"
}

shipstream_sql_string() {
  local s=${1//\\/\\\\}
  s=${s//\'/\'\'}
  printf '%s' "$s"
}

shipstream_init_users || exit 1

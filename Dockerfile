# ShipStream bridge for OpenMage: build the Spring Boot jar, then run it on a plain JRE.
# Used by docker-compose.yml; on its own: docker build -t shipstream-openmage-bridge .

# --- Stage 1: build ---------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

# The pom alone first: the dependency download is a layer of its own and is reused until pom.xml
# changes. go-offline misses a few plugin dependencies resolved only by `package`; those are fetched
# in the next step.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline

COPY src ./src
# One executable jar (the repackaged one; the *.jar.original next to it does not match *.jar).
RUN mvn -B -DskipTests package \
 && cp target/*.jar /build/app.jar

# --- Stage 2: run -----------------------------------------------------------------------------
FROM eclipse-temurin:17-jre

# curl only serves the HEALTHCHECK (the JRE image has neither curl nor wget).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

# Fixed uid/gid so files in volumes keep one owner across rebuilds.
RUN groupadd --system --gid 10001 shipstream \
 && useradd --system --uid 10001 --gid shipstream --home-dir /app --no-create-home --shell /usr/sbin/nologin shipstream

# The service resolves routes/ and data/ against its working directory
# (camel.main.routes-include-pattern = file:routes/*.camel.yaml, shipstream.cdc.data-dir = data/cdc).
WORKDIR /app
COPY --from=build /build/app.jar /app/app.jar
COPY routes/ /app/routes/
COPY templates/ /app/templates/
# data/ must be writable by the service: Debezium's offsets and schema history live in data/cdc.
# A named volume mounted here starts as a copy of this directory, ownership included.
RUN mkdir -p /app/data/cdc && chown -R shipstream:shipstream /app/data

USER shipstream
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null http://localhost:8080/actuator/health/readiness || exit 1

# exec form: java is PID 1 and gets SIGTERM, so Camel/Debezium shut down cleanly and flush offsets.
# Extra JVM flags can be given with JAVA_TOOL_OPTIONS; application settings with environment
# variables (SPRING_DATASOURCE_URL, MAGENTO_TABLE_PREFIX, ...) or arguments after the image name.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]

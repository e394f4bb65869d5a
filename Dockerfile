# Builds and runs Orderly. Build context: the repository root.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY modules modules
COPY app app
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests \
 && java -Djarmode=tools -jar app/target/orderly.jar extract --destination /orderly

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 orderly && mkdir /aot && chown orderly /aot
WORKDIR /app
# The jar extracted (Spring Boot's layout for the JVM's AOT cache) and the JVM settings that keep an
# instance under 512 MiB (app/jvm.args; docs/adr/0020).
COPY --from=build /orderly /app
COPY --from=build /src/app/jvm.args /app/jvm.args
USER 10001
# One JSON document a log line (ECS) for log shippers; a terminal run defaults to readable lines.
ENV ORDERLY_LOG_FORMAT=ecs
EXPOSE 8080
# A container's first start records the JVM's AOT cache (written when it stops, into the container's
# own layer); its later starts begin from it. A new image gets a new container and a new cache.
ENTRYPOINT ["sh", "-c", "if [ -f /aot/orderly.aot ]; then aot=-XX:AOTCache=/aot/orderly.aot; else aot=-XX:AOTCacheOutput=/aot/orderly.aot; fi; exec java @/app/jvm.args $aot -jar /app/orderly.jar \"$@\"", "orderly"]

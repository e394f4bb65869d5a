# Builds and runs Orderly. Build context: the repository root.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY modules modules
COPY app app
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 orderly
WORKDIR /app
COPY --from=build /src/app/target/orderly.jar orderly.jar
USER 10001
# One JSON document a log line (ECS) for log shippers; a terminal run defaults to readable lines.
ENV ORDERLY_LOG_FORMAT=ecs
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/orderly.jar"]

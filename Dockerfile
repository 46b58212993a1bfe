# Builds the service jar and runs it on a JRE. compose.yaml pairs it with PostgreSQL 17.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY migrations migrations
COPY embedded-postgres embedded-postgres
COPY feed-command feed-command
COPY feed-query feed-query
COPY feed-api feed-api
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /var/lib/feed --create-home feed
USER feed
WORKDIR /var/lib/feed
COPY --from=build /src/feed-api/target/feed-api-*.jar /opt/feed/feed-api.jar
ENV FEED_DATA_DIR=/var/lib/feed
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/feed/feed-api.jar"]

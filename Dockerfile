# The same steps as README.md: build with Maven, run on a JRE with Debian's Tesseract (fra + eng).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q -DskipTests package

# Debian 12, as on the machines the gateway is tested on: OpenJDK 17 and Tesseract 5.3 from Debian's packages
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng \
 && rm -rf /var/lib/apt/lists/*
ENV TESSDATA_PREFIX=/usr/share/tesseract-ocr/5/tessdata \
    GATEWAY_HOME=/data \
    GATEWAY_HTTP_PORT=8080
WORKDIR /app
COPY --from=build /src/target/einvoice-gateway.jar /app/einvoice-gateway.jar
COPY --from=build /src/target/lib /app/lib
COPY routes /app/routes
COPY samples /app/samples
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/einvoice-gateway.jar"]
CMD ["run"]

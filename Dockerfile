# posbridge's image. Build the jar first, then the image: ./mvnw -DskipTests package && docker build -t posbridge:0.1.0 .
# Without a Docker engine, bench/ImageStart.java builds this image's /app folder from these lines and starts it
# (ImageStartIT runs it in ./mvnw verify): it reads FROM … AS, WORKDIR, COPY [--from], RUN, USER, EXPOSE and
# ENTRYPOINT, and runs every RUN line on the build machine, so keep RUN lines to what runs there too.

FROM eclipse-temurin:17-jre AS layers
WORKDIR /build
COPY target/posbridge-*.jar application.jar
# Spring Boot's layers, without --launcher: application.jar then names its libraries as jars in its Class-Path, and
# the JVM's class data sharing archives classes from jars only (a launcher's class folders would leave it empty).
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre
WORKDIR /app
# The least often changed first, so that a code change rebuilds only the last layers.
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
# The JVM options of both the training run and the entrypoint, in one file (a java @argument file).
COPY src/main/docker/jvm-options src/main/docker/cds-training.properties ./
# The routes the jar was built with; on Kubernetes the posbridge-routes ConfigMap is mounted over this folder.
COPY routes/ routes/
# Class data sharing: start once up to the application context's refresh, on an in-memory database and with no
# outside service (cds-training.properties), and keep every class it loaded in application.jsa for later starts.
RUN java -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh @jvm-options -jar application.jar --spring.config.additional-location=file:cds-training.properties && rm -rf cds-training
# Any non-root user: nothing in /app is written at run time (read-only root filesystem; /tmp is an emptyDir).
USER 10001:10001
EXPOSE 8080 9090
ENTRYPOINT ["java", "-XX:SharedArchiveFile=application.jsa", "@jvm-options", "-jar", "application.jar"]

# syntax=docker/dockerfile:1
# Multi-stage build: publish with the SDK image, run on the ASP.NET Core runtime image as a non-root user.
#   docker build -t runnertokens .
#   docker run -p 127.0.0.1:8080:8080 -e GitHub__Mode=Simulator -e GitHub__AllowSimulatorInProduction=true runnertokens
#     (a demo on SQLite in /app/App_Data; production sets the GitHub App, issuers and a server database)
#   docker run --rm -e Database__Provider=SqlServer -e ConnectionStrings__RunnerTokens=... runnertokens migrate

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Set by BuildKit (amd64, arm64): the publish is for that runtime, so the host is precompiled (ReadyToRun).
ARG TARGETARCH
WORKDIR /src

# Restore first, from the project files only, so the layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Domain/RunnerTokens.Domain.csproj src/Domain/
COPY src/Application/RunnerTokens.Application.csproj src/Application/
COPY src/Infrastructure/RunnerTokens.Infrastructure.csproj src/Infrastructure/
COPY src/GitHub.Simulator/RunnerTokens.GitHub.Simulator.csproj src/GitHub.Simulator/
COPY src/Web/RunnerTokens.Web.csproj src/Web/
COPY src/Api/RunnerTokens.Api.csproj src/Api/
RUN dotnet restore src/Api/RunnerTokens.Api.csproj -a "$TARGETARCH"

COPY src/ src/
# ReadyToRun (set in the csproj for a runtime-specific publish): about a third less CPU to /health/ready
# (docs/performance.md, third pass). Framework-dependent: the aspnet runtime image below provides .NET.
RUN dotnet publish src/Api/RunnerTokens.Api.csproj -c Release --no-restore -a "$TARGETARCH" --self-contained false \
    -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# The default SQLite database lives in /app/App_Data: the non-root user must be able to write there.
# Mount a volume on it to keep the data (or use SqlServer/PostgreSql).
RUN mkdir -p /app/App_Data && chown "$APP_UID" /app/App_Data
VOLUME /app/App_Data

ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    Database__MigrateOnStartup=true
EXPOSE 8080

# The runtime image ships the non-root user "app"; APP_UID is its numeric id.
USER $APP_UID

# Arguments are passed to the service: `migrate` applies migrations and exits.
ENTRYPOINT ["dotnet", "RunnerTokens.Api.dll"]

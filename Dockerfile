# syntax=docker/dockerfile:1
# The Lifecycle app (decision 033): built with the SDK, run on the ASP.NET Core runtime as the image's non-root user,
# in the Production environment. By default it keeps a SQLite database, its keys and its GitSync clone in /app/data
# (a volume); docker-compose.yml runs it on PostgreSQL instead.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so that a change of code does not download the packages again.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Lifecycle.Data/Lifecycle.Data.csproj Lifecycle.Data/
COPY Lifecycle.Data.Postgres/Lifecycle.Data.Postgres.csproj Lifecycle.Data.Postgres/
COPY Lifecycle.Web/Lifecycle.Web.csproj Lifecycle.Web/
RUN dotnet restore Lifecycle.Web/Lifecycle.Web.csproj
# wwwroot/ and appsettings.json live at the repository root (decision 001); the web project links them.
COPY wwwroot/ wwwroot/
COPY appsettings.json ./
COPY Lifecycle.Data/ Lifecycle.Data/
COPY Lifecycle.Data.Postgres/ Lifecycle.Data.Postgres/
COPY Lifecycle.Web/ Lifecycle.Web/
RUN dotnet publish Lifecycle.Web/Lifecycle.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080 \
    ConnectionStrings__Lifecycle="Data Source=/app/data/lifecycle.db" \
    DataProtection__KeysDirectory=/app/data/keys \
    GitSync__WorkDirectory=/app/data/gitsync
VOLUME /app/data
EXPOSE 8080
# The aspnet image's own unprivileged user ("app").
USER $APP_UID
ENTRYPOINT ["dotnet", "Lifecycle.Web.dll"]

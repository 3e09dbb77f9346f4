# The predllm image. Its base (Ubuntu 24.04) ships libstdc++ from GCC 14, new enough for TorchSharp's
# native library, so the GLIBCXX patch the build applies is harmless there.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/PredLlm.Synth.Cli/PredLlm.Synth.Cli.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0-noble
WORKDIR /app
COPY --from=build /app .
COPY policies /app/policies
# The worker keeps nothing on local disk but its temporary files; storage is Azure Blob Storage
# (Storage__ConnectionString or Storage__AccountUrl with a workload identity).
ENTRYPOINT ["/app/predllm", "serve"]

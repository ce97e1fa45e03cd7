using System.Text.Json.Serialization;

namespace RunnerTokens.GitHub.Simulator;

/// <summary>JSON for the simulator's own payloads (the fake JIT config files).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;

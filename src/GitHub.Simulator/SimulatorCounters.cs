using System.Text.Json;

namespace RunnerTokens.GitHub.Simulator;

/// <summary>
/// Totals over the simulator's life, for soak invariants: requests received, <c>generate-jitconfig</c> calls per
/// <c>org/name</c> (lowercase) that were not refused 401 (a refused token means nothing happened, and the client
/// re-mints and sends once more; any other second call for a name is a blind resend), installation tokens minted
/// per installation.
/// </summary>
public sealed record SimulatorCounters(
    long Requests,
    IReadOnlyDictionary<string, int> JitConfigRequestsByName,
    IReadOnlyDictionary<long, int> TokenMintsByInstallation)
{
    /// <summary>The mutable tally inside the state; callers hold the state's gate.</summary>
    internal sealed class Tally
    {
        private readonly Dictionary<string, int> _jit = new(StringComparer.Ordinal);
        private readonly Dictionary<long, int> _mints = [];
        private long _requests;

        public void Count() => _requests++;

        public void CountAnswer(HttpMethod method, string path, string? body, System.Net.HttpStatusCode status)
        {
            if (status == System.Net.HttpStatusCode.Unauthorized
                || method != HttpMethod.Post || !path.EndsWith("/actions/runners/generate-jitconfig", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            var organization = path.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["orgs", var org, ..] ? Uri.UnescapeDataString(org) : "?";
            var key = (organization + "/" + NameIn(body)).ToLowerInvariant();
            _jit[key] = _jit.GetValueOrDefault(key) + 1;
        }

        public void TokenMinted(long installationId) => _mints[installationId] = _mints.GetValueOrDefault(installationId) + 1;

        public SimulatorCounters Snapshot() => new(_requests, new Dictionary<string, int>(_jit), new Dictionary<long, int>(_mints));

        private static string NameIn(string? body)
        {
            try
            {
                using var document = JsonDocument.Parse(body ?? "{}");
                return document.RootElement.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "?";
            }
            catch (JsonException)
            {
                return "?";
            }
        }
    }
}

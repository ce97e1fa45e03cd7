using Mediator;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.MachineIdentities.ListMachineIdentities;

public sealed record ListMachineIdentitiesQuery(string Team) : IQuery<Result<IReadOnlyList<MachineIdentityDto>>>;

using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.MachineIdentities.ListMachineIdentities;

public sealed record ListMachineIdentitiesQuery(string Team) : IQuery<Result<IReadOnlyList<MachineIdentityDto>>>, IRequiresPrincipal;

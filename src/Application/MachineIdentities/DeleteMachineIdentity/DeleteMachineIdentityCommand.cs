using Mediator;
using RunnerTokens.Application.Common.Security;
using RunnerTokens.Domain.Common;

namespace RunnerTokens.Application.MachineIdentities.DeleteMachineIdentity;

public sealed record DeleteMachineIdentityCommand(string Team, Guid Id) : ICommand<Result>, IRequiresPrincipal;

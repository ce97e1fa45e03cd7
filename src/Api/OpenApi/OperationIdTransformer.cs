using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RunnerTokens.Api.OpenApi;

/// <summary>
/// The operationId is the action's <c>[EndpointName]</c> (<c>provisionJitRunner</c>, <c>listRunners</c>): stable and
/// readable, it names the method of every generated client. An action without one falls back to
/// action + controller (<c>changeTeamPolicy</c>) so no operation is left unnamed; give it a name.
/// </summary>
internal sealed class OperationIdTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var descriptor = context.Description.ActionDescriptor;
        var name = descriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
        if (name is null && descriptor is ControllerActionDescriptor action)
        {
            name = char.ToLowerInvariant(action.ActionName[0]) + action.ActionName[1..] + action.ControllerName;
        }

        operation.OperationId = name ?? operation.OperationId;
        return Task.CompletedTask;
    }
}

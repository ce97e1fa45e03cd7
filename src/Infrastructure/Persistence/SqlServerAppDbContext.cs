using Microsoft.EntityFrameworkCore;

namespace RunnerTokens.Infrastructure.Persistence;

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options);

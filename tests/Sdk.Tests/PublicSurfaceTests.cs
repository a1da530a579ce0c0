using System.Reflection;
using Shouldly;
using Xunit;

namespace Skupper.Cli.Sdk.Tests;

/// <summary>
/// The SDK is the contract third-party plugins build against: the host's parser must not leak into
/// it, or a change of parser (or one of its quirks) would reach every plugin.
/// </summary>
public class PublicSurfaceTests
{
    private static readonly Assembly Sdk = typeof(ISkupperPlugin).Assembly;

    [Fact]
    public void No_public_type_member_parameter_or_base_type_of_the_sdk_is_a_parser_type()
    {
        var leaks = PublicSurface(Sdk)
            .Where(t => t.Type.Assembly.GetName().Name!.StartsWith("McMaster", StringComparison.Ordinal))
            .Select(t => $"{t.Where}: {t.Type.FullName}")
            .Distinct()
            .ToList();
        leaks.ShouldBeEmpty();
    }

    [Fact]
    public void The_sdk_does_not_reference_the_parser_assembly() =>
        Sdk.GetReferencedAssemblies().Select(a => a.Name).ShouldNotContain("McMaster.Extensions.CommandLineUtils");

    [Fact]
    public void The_surface_reader_finds_a_type_used_only_as_a_parameter()
    {
        // Guards the test above against reading too little: ICommandRegistrar.Add takes an
        // ICommandGroup, and the reader must report it through that parameter.
        PublicSurface(Sdk).ShouldContain(t => t.Type == typeof(ICommandGroup) && t.Where.Contains("ICommandRegistrar.Add"));
    }

    /// <summary>Every type the public surface names, with where: exported types, their base types and interfaces, and the types of public and protected members, parameters and return values (generic arguments included).</summary>
    private static IEnumerable<(string Where, Type Type)> PublicSurface(Assembly assembly)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetExportedTypes())
        {
            foreach (var t in Expand(type.BaseType)) yield return ($"{type.Name} base", t);
            foreach (var i in type.GetInterfaces())
                foreach (var t in Expand(i)) yield return ($"{type.Name} interface", t);
            foreach (var member in type.GetMembers(all))
            {
                var visible = member switch
                {
                    MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
                    FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
                    PropertyInfo p => p.GetAccessors(true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
                    EventInfo e => e.AddMethod is { } add && (add.IsPublic || add.IsFamily),
                    Type nested => nested.IsNestedPublic || nested.IsNestedFamily,
                    _ => false,
                };
                if (!visible) continue;
                var where = $"{type.Name}.{member.Name}";
                var types = member switch
                {
                    MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
                    ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
                    FieldInfo f => [f.FieldType],
                    PropertyInfo p => p.GetIndexParameters().Select(i => i.ParameterType).Append(p.PropertyType),
                    EventInfo e => [e.EventHandlerType!],
                    _ => [],
                };
                foreach (var used in types)
                    foreach (var t in Expand(used)) yield return (where, t);
            }
        }
    }

    private static IEnumerable<Type> Expand(Type? type)
    {
        if (type is null) yield break;
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType())) yield return t;
            yield break;
        }
        if (type.IsGenericParameter) yield break;
        yield return type;
        if (type.IsGenericType)
            foreach (var arg in type.GetGenericArguments())
                foreach (var t in Expand(arg)) yield return t;
    }
}

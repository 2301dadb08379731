using System.Reflection;
using System.Reflection.Emit;

namespace SphereFlow.Tests.TestSupport;

/// <summary>
/// The types a compiled type depends on, read from the assembly itself: base types, interfaces, fields, properties,
/// method signatures and every type, method and field token in the method bodies' IL (so <c>new X()</c>, calls, casts,
/// <c>typeof</c> and lambdas count, not just signatures). Compiler-generated nested types (closures, iterators) count
/// for the type that declares them.
/// </summary>
public static class TypeDependencies
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OneByte = [], TwoByte = [];

    static TypeDependencies()
    {
        foreach (var f in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var op = (OpCode)f.GetValue(null)!;
            if (op.Size == 1) OneByte[op.Value] = op;
            else TwoByte[(short)(op.Value & 0xFF)] = op;
        }
    }

    /// <summary>The outermost declaring type (where compiler-generated nested types belong).</summary>
    public static Type Owner(Type t)
    {
        ArgumentNullException.ThrowIfNull(t);
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t;
    }

    /// <summary>Every type <paramref name="type"/> refers to (generic arguments and element types unfolded).</summary>
    public static IReadOnlySet<Type> Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || t.IsGenericParameter) return;
            if (t.HasElementType) { Add(t.GetElementType()); return; }
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var a in t.GetGenericArguments()) Add(a);
                t = t.GetGenericTypeDefinition();
            }
            found.Add(t);
        }
        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        foreach (var f in type.GetFields(All)) Add(f.FieldType);
        foreach (var p in type.GetProperties(All)) Add(p.PropertyType);
        foreach (var m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (m is MethodInfo mi) Add(mi.ReturnType);
            foreach (var p in m.GetParameters()) Add(p.ParameterType);
            Body(m, Add);
        }
        return found;
    }

    private static void Body(MethodBase m, Action<Type?> add)
    {
        var body = m.GetMethodBody();
        if (body is null) return;
        foreach (var v in body.LocalVariables) add(v.LocalType);
        var il = body.GetILAsByteArray()!;
        var typeArgs = m.DeclaringType is { IsGenericType: true } dt ? dt.GetGenericArguments() : null;
        var methodArgs = m.IsGenericMethod ? m.GetGenericArguments() : null;
        int i = 0;
        while (i < il.Length)
        {
            OpCode op = il[i] == 0xFE ? TwoByte[il[++i]] : OneByte[il[i]];
            i++;
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                {
                    var member = m.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs);
                    switch (member)
                    {
                        case Type t: add(t); break;
                        case FieldInfo f: add(f.DeclaringType); add(f.FieldType); break;
                        case MethodBase mb:
                            add(mb.DeclaringType);
                            if (mb is MethodInfo { IsGenericMethod: true } g) foreach (var a in g.GetGenericArguments()) add(a);
                            break;
                    }
                    i += 4;
                    break;
                }
                default: i += 4; break;   // InlineBrTarget, InlineI, InlineString, InlineSig, ShortInlineR
            }
        }
    }

    /// <summary>Namespace dependencies among the types of <paramref name="assembly"/> whose namespace starts with <paramref name="prefix"/>: namespace → namespaces it uses (itself excluded).</summary>
    public static SortedDictionary<string, SortedSet<string>> NamespaceGraph(Assembly assembly, string prefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var graph = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            string? from = Owner(type).Namespace;
            if (from is null || !from.StartsWith(prefix, StringComparison.Ordinal)) continue;
            if (!graph.TryGetValue(from, out var to)) graph[from] = to = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var d in Of(type))
            {
                string? ns = Owner(d).Namespace;
                if (ns is not null && ns != from && ns.StartsWith(prefix, StringComparison.Ordinal)) to.Add(ns);
            }
        }
        return graph;
    }

    /// <summary>A cycle of the graph as a path (first = last), or null when it is acyclic.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, SortedSet<string>> graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var state = new Dictionary<string, int>();   // 1 on the stack, 2 done
        var stack = new List<string>();
        List<string>? Visit(string n)
        {
            state[n] = 1;
            stack.Add(n);
            foreach (var m in graph.TryGetValue(n, out var e) ? e : [])
            {
                if (state.GetValueOrDefault(m) == 1) return [.. stack.Skip(stack.IndexOf(m)), m];
                if (state.GetValueOrDefault(m) == 0 && Visit(m) is { } c) return c;
            }
            stack.RemoveAt(stack.Count - 1);
            state[n] = 2;
            return null;
        }
        foreach (var n in graph.Keys)
            if (state.GetValueOrDefault(n) == 0 && Visit(n) is { } cycle) return cycle;
        return null;
    }
}

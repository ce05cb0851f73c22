using System.Reflection;

namespace nanoFramework.BMS.Tests.Esp32;

/// <summary>
/// Sizes of everything reachable from some roots, in two layouts: .NET's on x64 (object header
/// and method table 16 bytes, array header 24, strings UTF-16) and nanoCLR's (every object is
/// a 12-byte header block plus one 12-byte block per field, whatever the field's type; arrays
/// a 20-byte header plus their elements, references taking a 12-byte block each; strings
/// UTF-8; all rounded up to 12-byte blocks; nf-interpreter's CLR_RT_HeapBlock layout). Objects
/// are counted once, for the first group that reaches them. Literal strings count nothing on
/// .NET (they live outside the collected heap) and a 12-byte block on nanoCLR (their text stays in flash).
/// </summary>
public sealed class HeapWalk
{
    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly List<(string Group, long Host, long NanoClr, int Objects)> _groups = [];

    /// <summary>Marks what is reachable from these as not the measured thing's (the board's ports, say).</summary>
    public void Exclude(object root) => Walk(root, (_, _) => { });

    /// <summary>Counts this one object alone, not what it reaches (a root whose fields become groups of their own).</summary>
    public void AddObject(string group, object o)
    {
        if (_seen.Add(o))
            _groups.Add((group, HostSize(o), NanoClrSize(o), 1));
    }

    /// <summary>Counts what root reaches that no earlier group or exclusion reached.</summary>
    public void Add(string group, object? root)
    {
        if (root == null)
            return;
        long host = 0, nanoClr = 0;
        int objects = 0;
        Walk(root, (h, n) =>
        {
            host += h;
            nanoClr += n;
            objects++;
        });
        _groups.Add((group, host, nanoClr, objects));
    }

    public IReadOnlyList<(string Group, long Host, long NanoClr, int Objects)> Groups => _groups;

    public long HostBytes => _groups.Sum(g => g.Host);

    public long NanoClrBytes => _groups.Sum(g => g.NanoClr);

    private void Walk(object root, Action<long, long> count)
    {
        var stack = new Stack<object>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            object o = stack.Pop();
            if (o is Type or Delegate or MemberInfo || !_seen.Add(o))
                continue;
            count(HostSize(o), NanoClrSize(o));
            if (o is string)
                continue;
            if (o is Array array)
            {
                if (!array.GetType().GetElementType()!.IsValueType)
                {
                    foreach (object? e in array)
                    {
                        if (e != null)
                            stack.Push(e);
                    }
                }

                continue;
            }

            foreach (FieldInfo f in InstanceFields(o.GetType()))
            {
                if (!f.FieldType.IsValueType && f.GetValue(o) is { } value)
                    stack.Push(value);
            }
        }
    }

    private static bool IsLiteral(string s) => ReferenceEquals(string.IsInterned(s), s);

    private static IEnumerable<FieldInfo> InstanceFields(Type type)
    {
        for (Type? t = type; t != null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                yield return f;
        }
    }

    private static long Align(long bytes, int to) => (bytes + to - 1) / to * to;

    private static long HostSize(object o)
    {
        if (o is string s)
            return IsLiteral(s) ? 0 : Math.Max(24, Align(22 + 2L * s.Length, 8));
        if (o is Array a)
            return Math.Max(24, Align(24 + (long)a.Length * HostElementBytes(a.GetType().GetElementType()!), 8));
        long fields = InstanceFields(o.GetType()).Sum(f => HostElementBytes(f.FieldType));
        return Math.Max(24, Align(16 + fields, 8));
    }

    private static long HostElementBytes(Type t)
    {
        if (!t.IsValueType)
            return 8;
        if (t.IsEnum)
            t = Enum.GetUnderlyingType(t);
        if (t == typeof(bool) || t == typeof(byte) || t == typeof(sbyte))
            return 1;
        if (t == typeof(char) || t == typeof(short) || t == typeof(ushort))
            return 2;
        if (t == typeof(int) || t == typeof(uint) || t == typeof(float))
            return 4;
        if (t.IsPrimitive)
            return 8;
        return InstanceFields(t).Sum(f => HostElementBytes(f.FieldType));
    }

    private static long NanoClrSize(object o)
    {
        const int Block = 12;
        if (o is string s)
            return IsLiteral(s) ? Block : Align(Block + System.Text.Encoding.UTF8.GetByteCount(s) + 1, Block);
        if (o is Array a)
            return Align(20 + (long)a.Length * NanoClrElementBytes(a.GetType().GetElementType()!), Block);
        return Block * (1 + InstanceFields(o.GetType()).Count());
    }

    private static long NanoClrElementBytes(Type t)
    {
        if (!t.IsValueType)
            return 12;
        if (t.IsEnum)
            t = Enum.GetUnderlyingType(t);
        return t.IsPrimitive ? HostElementBytes(t) : 12;
    }
}

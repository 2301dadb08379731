using SphereFlow.Geometry;

namespace SphereFlow.Meshes;

/// <summary>
/// A finite-volume mesh of S^d in plain arrays: cell centres η_K ∈ S^d, cell measures |K|, and the faces
/// σ = K|L of each cell in compressed (CSR) form with face measure |σ| and centre-to-centre geodesic distance d_σ.
/// Every interior face appears twice (once from each side) with equal measure and distance.
/// </summary>
public sealed class SphereMesh
{
    /// <summary>Assembles a mesh from its arrays; checks sizes and symmetry of the face lists.</summary>
    public SphereMesh(string kind, int level, int dim, double[] centers, double[] cellMeasures,
                      int[] faceStart, int[] neighbors, double[] faceMeasures, double[] centerDistances)
    {
        ArgumentNullException.ThrowIfNull(centers);
        ArgumentNullException.ThrowIfNull(cellMeasures);
        ArgumentNullException.ThrowIfNull(faceStart);
        ArgumentNullException.ThrowIfNull(neighbors);
        ArgumentNullException.ThrowIfNull(faceMeasures);
        ArgumentNullException.ThrowIfNull(centerDistances);
        int n = cellMeasures.Length;
        if (centers.Length != n * dim) throw new ArgumentException("centres and cell count disagree");
        if (faceStart.Length != n + 1 || faceStart[n] != neighbors.Length) throw new ArgumentException("face index (CSR) is malformed");
        if (faceMeasures.Length != neighbors.Length || centerDistances.Length != neighbors.Length) throw new ArgumentException("face arrays disagree in length");
        Kind = kind; Level = level; AmbientDim = dim; Centers = centers; CellMeasures = cellMeasures;
        FaceStart = faceStart; Neighbors = neighbors; FaceMeasures = faceMeasures; CenterDistances = centerDistances;
        Opposite = BuildOpposite();
    }

    /// <summary>Mesh kind (registry name).</summary>
    public string Kind { get; }
    /// <summary>Refinement level.</summary>
    public int Level { get; }
    /// <summary>Ambient dimension d + 1.</summary>
    public int AmbientDim { get; }
    /// <summary>Sphere dimension d.</summary>
    public int SphereDim => AmbientDim - 1;
    /// <summary>Number of cells.</summary>
    public int CellCount => CellMeasures.Length;
    /// <summary>Cell centres, row-major (CellCount × AmbientDim), unit vectors.</summary>
    public double[] Centers { get; }
    /// <summary>Cell measures |K|; they sum to |S^d|.</summary>
    public double[] CellMeasures { get; }
    /// <summary>Faces of cell K are the CSR entries FaceStart[K] .. FaceStart[K+1]−1.</summary>
    public int[] FaceStart { get; }
    /// <summary>Neighbour cell L across each face entry.</summary>
    public int[] Neighbors { get; }
    /// <summary>Face measure |σ| of each face entry.</summary>
    public double[] FaceMeasures { get; }
    /// <summary>Geodesic centre-to-centre distance d_σ of each face entry.</summary>
    public double[] CenterDistances { get; }
    /// <summary>For each face entry K→L, the index of the entry L→K.</summary>
    public int[] Opposite { get; }
    /// <summary>Optional polygon vertices of the cells (S^2 meshes), for VTU output: row-major points and CSR offsets.</summary>
    public CellPolygons? Polygons { get; init; }
    /// <summary>
    /// Optional outward unit normals of the faces (row-major, FaceEntryCount × AmbientDim): for face entry K→L, the unit tangent
    /// vector normal to σ at the point where the geodesic from η_K to η_L crosses σ, pointing from K into L. For an
    /// orthogonal mesh it lies in the plane of η_K and η_L (it is the geodesic's direction there);
    /// <see cref="MeshQuality"/> measures the angle by which it leaves that plane (the orthogonality defect).
    /// </summary>
    public double[]? FaceNormals { get; init; }
    /// <summary>Number of face entries (twice the number of interior faces).</summary>
    public int FaceEntryCount => Neighbors.Length;

    /// <summary>Centre of cell K.</summary>
    public ReadOnlySpan<double> Center(int k) => new(Centers, k * AmbientDim, AmbientDim);

    /// <summary>Total measure Σ|K|.</summary>
    public double TotalMeasure
    {
        get
        {
            // Neumaier-compensated sum: total measure must match |S^d| to round-off.
            double s = 0, c = 0;
            foreach (var v in CellMeasures)
            {
                double t = s + v;
                c += Math.Abs(s) >= Math.Abs(v) ? (s - t) + v : (v - t) + s;
                s = t;
            }
            return s + c;
        }
    }

    /// <summary>
    /// The cell containing η. For Voronoi meshes (uniform arcs, icosahedral) this is the cell whose centre is nearest
    /// to η; for coordinate meshes (latitude–longitude, hyperspherical) it is the coordinate box containing η. Without a
    /// <see cref="Locator"/> it falls back to a linear search for the nearest centre.
    /// </summary>
    public int Locate(ReadOnlySpan<double> eta)
    {
        if (Locator is not null) return Locator(eta);
        int best = 0;
        double bestDot = double.NegativeInfinity;
        for (int k = 0; k < CellCount; k++)
        {
            double d = Sphere.Dot(Center(k), eta);
            if (d > bestDot) { bestDot = d; best = k; }
        }
        return best;
    }

    /// <summary>Optional fast point location supplied by the mesh generator.</summary>
    public LocateCell? Locator { get; init; }

    private int[] BuildOpposite()
    {
        var opp = new int[Neighbors.Length];
        for (int k = 0; k < CellCount; k++)
        {
            for (int e = FaceStart[k]; e < FaceStart[k + 1]; e++)
            {
                int l = Neighbors[e];
                if ((uint)l >= (uint)CellCount || l == k) throw new ArgumentException($"cell {k}: invalid neighbour {l}");
                int found = -1;
                for (int f = FaceStart[l]; f < FaceStart[l + 1]; f++)
                    if (Neighbors[f] == k) { found = f; break; }
                if (found < 0) throw new ArgumentException($"face list is not symmetric: {k}→{l} has no {l}→{k}");
                opp[e] = found;
            }
        }
        return opp;
    }
}

/// <summary>Point location: the index of the cell containing η.</summary>
public delegate int LocateCell(ReadOnlySpan<double> eta);

/// <summary>Polygon outlines of cells: vertex coordinates (row-major, 3D) and per-cell CSR lists of vertex indices.</summary>
public sealed record CellPolygons(double[] Vertices, int[] CellStart, int[] CellVertices);

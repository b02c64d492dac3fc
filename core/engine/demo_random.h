// Small deterministic random numbers for the demo data: xoshiro256** seeded by splitmix64, and
// the distributions the genotype model needs (uniform, normal, gamma, beta). Not numpy's
// streams: the data matches the reference in distribution, not bit for bit.
#pragma once

#include <cmath>
#include <cstdint>

namespace cs::engine {

class DemoRandom {
public:
    explicit DemoRandom(std::uint64_t seed) {
        for (auto& w : s_) {
            seed += 0x9E3779B97F4A7C15ull;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            w = z ^ (z >> 31);
        }
    }
    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    // [0, 1) with 24 random bits, like numpy's float32 random().
    float uniform_float() { return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f); }
    double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    double normal() {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        double u, v, s;
        do {  // Marsaglia's polar method
            u = 2 * uniform() - 1;
            v = 2 * uniform() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        const double f = std::sqrt(-2 * std::log(s) / s);
        spare_ = v * f;
        has_spare_ = true;
        return u * f;
    }
    // Marsaglia-Tsang; shape < 1 through Gamma(shape + 1) * U^(1/shape).
    double gamma(double shape) {
        if (shape < 1) return gamma(shape + 1) * std::pow(uniform() + 1e-300, 1 / shape);
        const double d = shape - 1.0 / 3, c = 1 / std::sqrt(9 * d);
        for (;;) {
            double x, v;
            do {
                x = normal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            const double u = uniform();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (std::log(u + 1e-300) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
        }
    }
    double beta(double a, double b) {
        const double x = gamma(a), y = gamma(b);
        return x + y > 0 ? x / (x + y) : 0;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4];
    bool has_spare_ = false;
    double spare_ = 0;
};

}  // namespace cs::engine

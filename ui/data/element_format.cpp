#include "ui/data/element_format.h"

#include <QByteArray>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/util/half_float.h"

namespace cs::ui {

namespace {

// Reads `size` bytes as a native-order unsigned integer, swapping when the dtype is big-endian.
template <class T>
T load(const std::uint8_t* p, const DType& dtype) {
    T v;
    std::memcpy(&v, p, sizeof(T));
    if (dtype.needs_byteswap()) {
        unsigned char bytes[sizeof(T)];
        std::memcpy(bytes, &v, sizeof(T));
        for (std::size_t i = 0; i < sizeof(T) / 2; ++i)
            std::swap(bytes[i], bytes[sizeof(T) - 1 - i]);
        std::memcpy(&v, bytes, sizeof(T));
    }
    return v;
}

QString hex(const std::uint8_t* p, std::size_t n) {
    return QStringLiteral("0x") +
           QString::fromLatin1(
               QByteArray(reinterpret_cast<const char*>(p), static_cast<qsizetype>(n)).toHex());
}

QString formatDouble(double v, int digits) {
    if (std::isnan(v)) return QStringLiteral("nan");
    if (std::isinf(v)) return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::number(v, 'g', digits);
}

}  // namespace

bool isNumeric(const DType& dtype) {
    switch (dtype.kind) {
        case DTypeKind::Bool:
        case DTypeKind::Int:
        case DTypeKind::UInt:
        case DTypeKind::Float:
        case DTypeKind::Complex:
        case DTypeKind::DateTime:
        case DTypeKind::TimeDelta:
            return true;
        default:
            return false;
    }
}

double elementToDouble(const std::uint8_t* p, const DType& dtype) {
    switch (dtype.kind) {
        case DTypeKind::Bool:
            return p[0] ? 1.0 : 0.0;
        case DTypeKind::Int:
        case DTypeKind::DateTime:
        case DTypeKind::TimeDelta:
            switch (dtype.itemsize) {
                case 1:
                    return static_cast<std::int8_t>(p[0]);
                case 2:
                    return load<std::int16_t>(p, dtype);
                case 4:
                    return load<std::int32_t>(p, dtype);
                case 8:
                    return static_cast<double>(load<std::int64_t>(p, dtype));
            }
            break;
        case DTypeKind::UInt:
            switch (dtype.itemsize) {
                case 1:
                    return p[0];
                case 2:
                    return load<std::uint16_t>(p, dtype);
                case 4:
                    return load<std::uint32_t>(p, dtype);
                case 8:
                    return static_cast<double>(load<std::uint64_t>(p, dtype));
            }
            break;
        case DTypeKind::Float:
        case DTypeKind::Complex: {
            const std::size_t part =
                dtype.kind == DTypeKind::Complex ? dtype.itemsize / 2 : dtype.itemsize;
            if (part == 2) return half_to_double(load<std::uint16_t>(p, dtype));
            if (part == 4) return std::bit_cast<float>(load<std::uint32_t>(p, dtype));
            if (part == 8) return std::bit_cast<double>(load<std::uint64_t>(p, dtype));
            break;
        }
        default:
            break;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

QString formatElement(const std::uint8_t* p, const DType& dtype) {
    switch (dtype.kind) {
        case DTypeKind::Bool:
            return p[0] ? QStringLiteral("True") : QStringLiteral("False");
        case DTypeKind::Int:
        case DTypeKind::TimeDelta:
        case DTypeKind::DateTime: {
            const double v = elementToDouble(p, dtype);
            QString text = dtype.itemsize == 8 ? QString::number(load<std::int64_t>(p, dtype))
                                               : QString::number(static_cast<qlonglong>(v));
            if (dtype.kind != DTypeKind::Int && !dtype.datetime_unit.empty())
                text += QLatin1Char(' ') + QString::fromStdString(dtype.datetime_unit);
            return text;
        }
        case DTypeKind::UInt:
            return dtype.itemsize == 8
                       ? QString::number(load<std::uint64_t>(p, dtype))
                       : QString::number(static_cast<qulonglong>(elementToDouble(p, dtype)));
        case DTypeKind::Float:
            return formatDouble(elementToDouble(p, dtype), dtype.itemsize <= 4 ? 7 : 15);
        case DTypeKind::Complex: {
            const std::size_t part = dtype.itemsize / 2;
            const int digits = part <= 4 ? 7 : 15;
            DType half = dtype;
            half.kind = DTypeKind::Float;
            half.itemsize = part;
            const double re = elementToDouble(p, half), im = elementToDouble(p + part, half);
            return QStringLiteral("%1%2%3j").arg(
                formatDouble(re, digits),
                im < 0 || std::signbit(im) ? QString() : QStringLiteral("+"),
                formatDouble(im, digits));
        }
        case DTypeKind::Bytes: {
            std::size_t n = 0;
            while (n < dtype.itemsize && p[n] != 0) ++n;
            for (std::size_t i = 0; i < n; ++i)
                if (p[i] < 0x20 || p[i] > 0x7e) return hex(p, dtype.itemsize);
            return QStringLiteral("b'%1'").arg(
                QString::fromLatin1(reinterpret_cast<const char*>(p), static_cast<qsizetype>(n)));
        }
        case DTypeKind::Unicode: {
            QString text;
            for (std::size_t i = 0; i + 4 <= dtype.itemsize; i += 4) {
                DType u4 = dtype;
                u4.kind = DTypeKind::UInt;
                u4.itemsize = 4;
                const auto cp = static_cast<char32_t>(load<std::uint32_t>(p + i, u4));
                if (cp == 0) break;
                text += QString::fromUcs4(&cp, 1);
            }
            return text;
        }
        case DTypeKind::Object:
            return QStringLiteral("(object)");
        default:
            return hex(p, dtype.itemsize);
    }
}

}  // namespace cs::ui

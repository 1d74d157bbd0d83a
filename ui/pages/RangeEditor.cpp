#include "pages/RangeEditor.h"

#include "AppState.h"
#include "widgets/SteppingSpinBox.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <algorithm>
#include <cmath>

namespace gdbm::ui {

RangeEditor::RangeEditor(bool drawn, const AppState& state, QWidget* parent) : QWidget(parent), m_state(state)
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(4);
    // The same columns in every range row, drawn or not, so that their sliders line up.
    const QFontMetrics metrics = fontMetrics();
    int captionWidth = 0;
    for (const QString& caption : {tr("Minimum"), tr("Maximum"), tr("Draws from"), tr("Draws up to")})
        captionWidth = std::max(captionWidth, metrics.horizontalAdvance(caption));
    grid->setColumnMinimumWidth(0, captionWidth + 4);
    int openWidth = 0;
    for (const QString& text : {tr("No minimum"), tr("No maximum")})
        openWidth = std::max(openWidth, QCheckBox(text).sizeHint().width());
    grid->setColumnMinimumWidth(3, openWidth);
    for (const bool isMax : {false, true}) {
        const int row = isMax ? 1 : 0;
        QString caption = isMax ? tr("Maximum") : tr("Minimum");
        if (drawn)
            caption = isMax ? tr("Draws up to") : tr("Draws from");
        grid->addWidget(new QLabel(caption, this), row, 0);

        auto* spin = new SteppingSpinBox<QDoubleSpinBox>(this);
        spin->setObjectName(isMax ? QStringLiteral("preferenceMax") : QStringLiteral("preferenceMin"));
        spin->setKeyboardTracking(false);
        spin->setAlignment(Qt::AlignRight);
        spin->setMinimumWidth(96);
        grid->addWidget(spin, row, 1);

        auto* slider = new QSlider(Qt::Horizontal, this);
        slider->setObjectName(isMax ? QStringLiteral("preferenceMaxSlider")
                                    : QStringLiteral("preferenceMinSlider"));
        // Short enough that a range row fits the editor beside the archetype list on a 1024-pixel
        // screen; the slider grows with the window, and the spin box takes exact values.
        slider->setMinimumWidth(56);
        grid->addWidget(slider, row, 2);

        connect(spin, &QDoubleSpinBox::valueChanged, this,
                [this, spin, isMax](double v) { boundEdited(isMax, v, spin->isStepping()); });
        connect(spin, &QDoubleSpinBox::editingFinished, this, &RangeEditor::editingFinished);
        connect(slider, &QSlider::valueChanged, this, [this, isMax](int pos) { sliderMoved(isMax, pos); });
        connect(slider, &QSlider::sliderReleased, this, &RangeEditor::editingFinished);
        (isMax ? m_max : m_min) = spin;
        (isMax ? m_maxSlider : m_minSlider) = slider;

        if (!drawn) {
            auto* open = new QCheckBox(isMax ? tr("No maximum") : tr("No minimum"), this);
            open->setObjectName(isMax ? QStringLiteral("preferenceMaxOpen")
                                      : QStringLiteral("preferenceMinOpen"));
            open->setToolTip(tr("Leave this bound open: the catalog's own %1, whatever the catalog")
                                 .arg(isMax ? tr("maximum") : tr("minimum")));
            grid->addWidget(open, row, 3);
            connect(open, &QCheckBox::toggled, this, [this, isMax](bool on) { openToggled(isMax, on); });
            (isMax ? m_maxOpen : m_minOpen) = open;
        }
    }
    grid->setColumnStretch(2, 1);
    if (drawn) {
        auto* note =
            new QLabel(tr("Each user gets a range of two sorted random values drawn in these bounds."), this);
        note->setWordWrap(true);
        note->setEnabled(false);
        grid->addWidget(note, 2, 0, 1, 4);
    }
}

void RangeEditor::setRange(sim::Attribute attribute, double min, double max)
{
    m_attribute = attribute;
    m_minValue = min;
    m_maxValue = max;
    load();
}

void RangeEditor::load()
{
    m_scale = attributeScale(m_attribute, m_state);
    for (const double bound : {m_minValue, m_maxValue}) {
        if (std::isfinite(bound)) {
            m_scale.lo = std::min(m_scale.lo, bound);
            m_scale.hi = std::max(m_scale.hi, bound);
        }
    }
    m_sliderSteps = std::clamp(int(std::lround((m_scale.hi - m_scale.lo) / m_scale.step)), 1, 1000);

    for (const bool isMax : {false, true}) {
        QDoubleSpinBox* spin = isMax ? m_max : m_min;
        QSlider* slider = isMax ? m_maxSlider : m_minSlider;
        QCheckBox* open = isMax ? m_maxOpen : m_minOpen;
        const double bound = isMax ? m_maxValue : m_minValue;
        const bool isOpen = !std::isfinite(bound);
        const double shown = isOpen ? (isMax ? m_scale.hi : m_scale.lo) : bound;

        const QSignalBlocker blockSpin(spin);
        spin->setDecimals(m_scale.decimals);
        spin->setRange(m_scale.lo, m_scale.hi);
        spin->setSingleStep(m_scale.step);
        spin->setValue(shown);
        spin->setEnabled(!isOpen || !open);

        const QSignalBlocker blockSlider(slider);
        slider->setRange(0, m_sliderSteps);
        slider->setPageStep(std::max(1, m_sliderSteps / 10));
        if (!slider->isSliderDown())
            slider->setValue(
                int(std::lround((shown - m_scale.lo) / (m_scale.hi - m_scale.lo) * m_sliderSteps)));
        slider->setEnabled(spin->isEnabled());

        if (open) {
            const QSignalBlocker blockOpen(open);
            open->setChecked(isOpen);
        }
    }
}

void RangeEditor::boundEdited(bool isMax, double value, bool continuous)
{
    value = roundTo(value, m_scale.decimals);
    (isMax ? m_maxValue : m_minValue) = value;
    // Keep min <= max: moving one bound past the other pushes it along.
    if (isMax && std::isfinite(m_minValue) && m_minValue > value)
        m_minValue = value;
    if (!isMax && std::isfinite(m_maxValue) && m_maxValue < value)
        m_maxValue = value;
    load();
    Q_EMIT edited(m_minValue, m_maxValue, continuous);
}

void RangeEditor::sliderMoved(bool isMax, int position)
{
    QSlider* slider = isMax ? m_maxSlider : m_minSlider;
    const double value = m_scale.lo + (m_scale.hi - m_scale.lo) * position / m_sliderSteps;
    boundEdited(isMax, value, slider->isSliderDown());
}

void RangeEditor::openToggled(bool isMax, bool open)
{
    if (!open) {
        boundEdited(isMax, (isMax ? m_max : m_min)->value(), false);
        return;
    }
    (isMax ? m_maxValue : m_minValue) = isMax ? sim::kOpen : -sim::kOpen;
    load();
    Q_EMIT edited(m_minValue, m_maxValue, false);
}

} // namespace gdbm::ui
